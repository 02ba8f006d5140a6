import { parseCommand } from './notifier-cli';

const CONFIG = ['--config', '/etc/hastack/sms-notifier.json'];

describe('parseCommand', () => {
  it('reads a service notification as Nagios passes it', () => {
    expect(
      parseCommand([
        ...CONFIG,
        'notify',
        '--type',
        'PROBLEM',
        '--host',
        'web1',
        '--service',
        'apache',
        '--state',
        'CRITICAL',
        '--output',
        'HTTP CRITICAL - refused',
      ]),
    ).toEqual({
      kind: 'notify',
      configFile: '/etc/hastack/sms-notifier.json',
      alert: { type: 'PROBLEM', host: 'web1', service: 'apache', state: 'CRITICAL', output: 'HTTP CRITICAL - refused' },
    });
  });

  it('takes an empty output, or one that looks like an option, as the output', () => {
    const host = [...CONFIG, 'notify', '--type', 'RECOVERY', '--host', 'db1', '--state', 'UP'];
    expect(parseCommand([...host, '--output', ''])).toMatchObject({ kind: 'notify', alert: { service: undefined, output: '' } });
    expect(parseCommand([...host, '--output', '--help'])).toMatchObject({ kind: 'notify', alert: { output: '--help' } });
  });

  it('reads when it was last OK and how long its state has lasted, as whole seconds', () => {
    const service = [...CONFIG, 'notify', '--type', 'PROBLEM', '--host', 'web1', '--service', 'apache', '--state', 'CRITICAL'];
    expect(parseCommand([...service, '--last-ok', '0', '--state-seconds', '42'])).toMatchObject({ kind: 'notify', alert: { lastOk: 0, stateSeconds: 42 } });
    expect(parseCommand([...service, '--last-ok', '', '--state-seconds', '4x'])).toEqual({
      kind: 'usage',
      problem: '--last-ok, --state-seconds must be a whole number',
    });
  });

  it('reads a test with or without its text', () => {
    expect(parseCommand([...CONFIG, 'test'])).toEqual({ kind: 'test', configFile: '/etc/hastack/sms-notifier.json', text: undefined });
    expect(parseCommand([...CONFIG, 'test', 'hello'])).toMatchObject({ kind: 'test', text: 'hello' });
  });

  it('says what is wrong with a command line', () => {
    expect(parseCommand(['notify'])).toEqual({ kind: 'usage', problem: '--config is needed' });
    expect(parseCommand([...CONFIG])).toEqual({ kind: 'usage', problem: 'notify or test is needed' });
    expect(parseCommand([...CONFIG, 'notify', '--host', 'web1'])).toEqual({ kind: 'usage', problem: 'missing --type, --state' });
    expect(parseCommand([...CONFIG, 'notify', '--secret', 'x'])).toEqual({ kind: 'usage', problem: 'unknown option --secret' });
    expect(parseCommand([...CONFIG, 'notify', '--type'])).toEqual({ kind: 'usage', problem: '--type needs a value' });
    expect(parseCommand([...CONFIG, 'send'])).toEqual({ kind: 'usage', problem: 'unknown command "send"' });
  });
});
