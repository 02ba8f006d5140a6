import { defineHost } from '@hastack/host';
import { recordResources, valueOf } from '@hastack/host/testing';
import { WebServer } from './web-server';

const recorded = recordResources();
const host = (os: 'debian-12' | 'alma-9') => defineHost({ name: 'web1', address: '198.18.0.21', os, privateKey: 'k' });

describe('WebServer', () => {
  it('installs Apache with PHP and writes its files as one set checked by the config test', async () => {
    const web = new WebServer('debian', { host: host('debian-12') });
    await valueOf(web.healthUrl);
    const write = recorded.find((r) => r.name === 'debian-site-write');
    const stdin = Buffer.from(String(write?.inputs.stdin).split('\n')[0], 'base64').toString('utf8');
    expect(stdin).toContain("<If \"-f '/var/lib/hastack/stack/web/drain'\">");
    expect(String(write?.inputs.create)).toContain('apache2ctl -t');
    expect(String(write?.inputs.create)).toContain('/var/www/html/index.php');
    expect(recorded.filter((r) => r.name.startsWith('debian-') && r.type === 'hastack:host:ConfigFile')).toEqual([]);
  });

  it('declares no firewall or SELinux component where the OS has neither, and both on the EL family', async () => {
    const types = (prefix: string) => recorded.filter((r) => r.name.startsWith(prefix)).map((r) => r.type);
    await valueOf(new WebServer('el', { host: host('alma-9') }).healthUrl);
    expect(types('debian-')).not.toContain('hastack:host:Firewall');
    expect(types('el-')).toEqual(expect.arrayContaining(['hastack:host:Firewall', 'hastack:host:SelinuxBooleans']));
    expect(String(recorded.find((r) => r.name === 'el-site-write')?.inputs.create)).toContain('apachectl -t');
  });
});
