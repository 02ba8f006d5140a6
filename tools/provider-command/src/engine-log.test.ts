import { engineAddressFromArgs } from './engine-log';

describe('engineAddressFromArgs', () => {
  it('skips the flags the CLI puts before the engine address', () => {
    expect(engineAddressFromArgs(['--logtostderr', '-v=9', '--tracing', 'http://t', '127.0.0.1:4321'])).toBe('127.0.0.1:4321');
  });

  it('is undefined when the provider runs outside the engine', () => {
    expect(engineAddressFromArgs([])).toBeUndefined();
  });
});
