import { secret } from '@hastack/provider-kit';
import { checkConnection, connectionKey, connectionSpec, describeConnection } from './connection-spec';

describe('connectionSpec', () => {
  it('reveals secrets and applies the SDK defaults', () => {
    const spec = connectionSpec(secret({ host: '10.0.0.5', privateKey: secret('KEY'), proxy: { host: 'bastion' } }));
    expect(spec).toMatchObject({ host: '10.0.0.5', port: 22, user: 'root', privateKey: 'KEY', dialErrorLimit: 10 });
    expect(spec.proxy).toMatchObject({ host: 'bastion', port: 22, perDialTimeout: 15 });
    expect(describeConnection(spec)).toBe('root@10.0.0.5:22');
  });

  it('gives the same key to the same connection only', () => {
    const a = connectionSpec({ host: 'h', privateKey: 'k1' });
    expect(connectionKey(a)).toBe(connectionKey(connectionSpec(secret({ host: 'h', privateKey: 'k1' }))));
    expect(connectionKey(a)).not.toBe(connectionKey(connectionSpec({ host: 'h', privateKey: 'k2' })));
  });
});

describe('checkConnection', () => {
  it('requires a host and sane numbers, in the proxy too', () => {
    const failures = checkConnection({ port: 0, dialErrorLimit: -2, proxy: { host: 'b', perDialTimeout: -1 } });
    expect(failures.map((failure) => failure.property)).toEqual([
      'connection.host',
      'connection.port',
      'connection.dialErrorLimit',
      'connection.proxy.perDialTimeout',
    ]);
  });

  it('accepts unknown values during preview', () => {
    expect(checkConnection('04da6b54-80e4-46f7-96ec-b56ff0331ba9')).toEqual([]);
    expect(checkConnection({ host: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' })).toEqual([]);
  });
});
