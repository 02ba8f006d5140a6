import { renderMasterCfg } from './render-master-cfg';

const conf = {
  user: 'mfs',
  dataPath: '/var/lib/mfs',
  exportsPath: '/etc/mfs/mfsexports.cfg',
  listenAddress: '10.0.0.41',
  authCode: 'Secr3tCode',
  chunkLoopSeconds: 300,
};

describe('renderMasterCfg', () => {
  const text = renderMasterCfg(conf);

  it('listens on the master address only, on the three MooseFS master ports', () => {
    for (const [kind, port] of [
      ['ML', 9419],
      ['CS', 9420],
      ['CL', 9421],
    ] as const) {
      expect(text).toContain(`MATO${kind}_LISTEN_HOST = 10.0.0.41\n`);
      expect(text).toContain(`MATO${kind}_LISTEN_PORT = ${port}\n`);
    }
  });

  it('names the exports file, the data path and the user, and admits chunkservers by code', () => {
    expect(text).toContain('EXPORTS_FILENAME = /etc/mfs/mfsexports.cfg\n');
    expect(text).toContain('DATA_PATH = /var/lib/mfs\n');
    expect(text).toContain('WORKING_USER = mfs\n');
    expect(text).toContain('AUTH_CODE = Secr3tCode\n');
    expect(text).toContain('CHUNKS_LOOP_MIN_TIME = 300\n');
  });

  it('refuses a value that would add a setting', () => {
    expect(() => renderMasterCfg({ ...conf, dataPath: '/x\nAUTH_CODE = y' })).toThrow('DATA_PATH');
  });
});
