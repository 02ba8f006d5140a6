import { renderMetaloggerCfg } from './render-metalogger-cfg';

describe('renderMetaloggerCfg', () => {
  it('follows the master by address on its metalogger port and downloads metadata on the given period', () => {
    const text = renderMetaloggerCfg({ user: 'mfs', dataPath: '/var/lib/mfs', masterAddress: '10.0.0.41', metadataDownloadHours: 24 });
    expect(text).toContain('MASTER_HOST = 10.0.0.41\n');
    expect(text).toContain('MASTER_PORT = 9419\n');
    expect(text).toContain('META_DOWNLOAD_FREQ = 24\n');
    expect(text).toContain('DATA_PATH = /var/lib/mfs\n');
  });
});
