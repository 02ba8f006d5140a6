import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { recordResources, valueOf, withoutCreating } from '@hastack/host/testing';
import { APP_SETTINGS_PATH, WebServer } from './web-server';

const recorded = recordResources();
const host = (os: 'debian-12' | 'alma-9') => defineHost({ name: 'web1', address: '198.18.0.21', os, privateKey: 'k' });

describe('WebServer', () => {
  it('installs Apache with PHP and writes its files as one set checked by the config test', async () => {
    const web = new WebServer('debian', { host: host('debian-12') });
    await valueOf(web.healthUrl);
    const write = recorded.find((r) => r.name === 'debian-site-write');
    const stdin = Buffer.from(String(write?.inputs.stdin).split('\n')[0], 'base64').toString('utf8');
    expect(stdin).toContain('<If "-f \'/var/lib/hastack/stack/web/drain\'">');
    expect(String(write?.inputs.create)).toContain('apache2ctl -t');
    expect(String(write?.inputs.create)).toContain('/var/www/html/index.php');
    expect(recorded.filter((r) => r.name.startsWith('debian-') && r.type === 'hastack:host:ConfigFile')).toEqual([]);
  });

  it('declares a firewall everywhere, and SELinux booleans on the EL family only', async () => {
    const types = (prefix: string) => recorded.filter((r) => r.name.startsWith(prefix)).map((r) => r.type);
    await valueOf(new WebServer('el', { host: host('alma-9') }).healthUrl);
    expect(types('debian-')).toContain('hastack:host:Firewall');
    expect(types('debian-')).not.toContain('hastack:host:SelinuxBooleans');
    expect(types('el-')).toEqual(expect.arrayContaining(['hastack:host:Firewall', 'hastack:host:SelinuxBooleans']));
    expect(String(recorded.find((r) => r.name === 'el-site-write')?.inputs.create)).toContain('apachectl -t');
  });
});

describe('WebServer args', () => {
  it('throws every argument problem before creating anything', () => {
    const database = { primaryAddress: '198.18.0.31', replicaAddresses: [], port: 0, database: 'app', user: 'app', password: 'pw' };
    expect(withoutCreating(recorded, () => new WebServer('bad', { host: host('debian-12'), database, apacheSettings: ['a\nb'] }))).toThrow(
      'WebServer bad: invalid arguments:\n  - database.port: 0 is not a TCP port\n  - apacheSettings[0]: "a\\nb" spans lines',
    );
  });
});

describe('WebServer with a database', () => {
  const database = {
    primaryAddress: '198.18.0.31',
    replicaAddresses: ['198.18.0.32'],
    port: 3306,
    database: 'app',
    user: 'app',
    password: pulumi.secret('s3cret-pw'),
  };

  it("writes the settings outside the document root, 0640 root and Apache's group, the password on stdin only and secret", async () => {
    const web = new WebServer('app', { host: host('debian-12'), database, sharedDir: '/srv/shared' });
    await valueOf(web.healthUrl);
    const write = recorded.find((r) => r.name === 'app-site-write');
    const create = String(write?.inputs.create);
    expect(create).toContain(APP_SETTINGS_PATH);
    expect(create).toMatch(/root.*www-data.*0640|0640.*root.*www-data/s);
    expect(create).not.toContain('s3cret-pw');
    // The engine's secret wrapper: the state keeps the whole stdin encrypted.
    const stdin = write?.inputs.stdin as { '4dabf18193072939515e22adb298388d': string; value: string };
    expect(stdin['4dabf18193072939515e22adb298388d']).toBe('1b47061264138c4ac30d75fd1eb44270');
    const settings = Buffer.from(stdin.value.split('\n')[3], 'base64').toString('utf8');
    expect(settings).toContain("'password' => 's3cret-pw',");
    expect(settings).toContain("'shared_dir' => '/srv/shared',");
  });
});
