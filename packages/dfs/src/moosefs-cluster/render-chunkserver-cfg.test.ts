import { renderChunkserverCfg } from './render-chunkserver-cfg';

describe('renderChunkserverCfg', () => {
  const text = renderChunkserverCfg({
    user: 'mfs',
    dataPath: '/var/lib/mfs',
    hddConfPath: '/etc/mfs/mfshdd.cfg',
    masterAddress: '10.0.0.41',
    authCode: 'Secr3tCode',
    leaveFreeSpace: '256MiB',
  });

  it('reaches the master by address on its chunkserver port, with the registration code', () => {
    expect(text).toContain('MASTER_HOST = 10.0.0.41\n');
    expect(text).toContain('MASTER_PORT = 9420\n');
    expect(text).toContain('AUTH_CODE = Secr3tCode\n');
    expect(text).not.toMatch(/mfsmaster\b/);
  });

  it('binds to no address of its own, so the same text fits every chunkserver', () => {
    expect(text).not.toMatch(/BIND_HOST|LISTEN_HOST/);
    expect(text).toContain('CSSERV_LISTEN_PORT = 9422\n');
    expect(text).toContain('HDD_CONF_FILENAME = /etc/mfs/mfshdd.cfg\n');
    expect(text).toContain('HDD_LEAVE_SPACE_DEFAULT = 256MiB\n');
  });
});
