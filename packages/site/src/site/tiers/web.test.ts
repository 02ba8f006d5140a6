import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordResources, SECRET_MARK, valueOf } from '@hastack/host/testing';
import { appBundle, appDigest } from '@hastack/web';
import { Site } from '../site';
import { labHosts, testDescription } from '../test-description.testing';

const recorded = recordResources();
jest.setTimeout(60000);

const description = testDescription(labHosts('director1', 'director2', 'web1', 'web2', 'db1', 'db2', 'dfs-master', 'dfs-chunk1', 'dfs-chunk2'));

/** The settings file of a web host's set: the fourth line of its stdin, decoded (the stdin is secret). */
function settingsOf(web: string): string | undefined {
  const stdin = recorded.find((r) => r.name === `${web}-web-site-write`)?.inputs.stdin as { value?: string } | string | undefined;
  const encoded = (typeof stdin === 'string' ? stdin : stdin?.value)?.split('\n')[3];
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : undefined;
}

describe('the web tier of a site', () => {
  beforeAll(async () => {
    const site = new Site('site', { description, privateKey: () => 'KEY', tiers: ['db', 'dfs', 'web'] });
    await valueOf(site.database!.replicaAddresses);
    // The sets are registered once the mounts and the database resolve.
    for (let i = 0; i < 100 && !(settingsOf('web1') && settingsOf('web2')); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it.each(['web1', 'web2'])('gives %s the database primary for writes, the replica for reads and its MooseFS mount', (web) => {
    const settings = settingsOf(web);
    expect(settings).toContain("'primary' => '198.18.0.31',");
    expect(settings).toContain("'replicas' => ['198.18.0.32'],");
    expect(settings).toContain("'user' => 'hastack_app',");
    expect(settings).toContain("'shared_dir' => '/srv/shared',");
  });
});

describe('the application of a site', () => {
  const appDir = resolve(__dirname, '../../../../../apps/demo-app');
  const switchOf = (web: string) => recorded.find((r) => r.name === `${web}-app-switch`)?.inputs;

  beforeAll(async () => {
    recorded.length = 0;
    const site = new Site('app-site', { description, privateKey: () => 'KEY', tiers: ['director', 'web'], app: { appDir } });
    await valueOf(site.url);
    for (let i = 0; i < 100 && !(switchOf('web1')?.create && switchOf('web2')?.create); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it.each(['web1', 'web2'])('releases the demo app on %s, leaving the pool of both directors for the switch', (web) => {
    const inputs = switchOf(web)!;
    expect(inputs.create).toContain(`release ${appDigest(appDir)} refused`);
    expect(inputs.create).toContain('for director in 198.18.0.11 198.18.0.12; do');
    // The archive is the application's code: a secret in the state, as the SDK marks it.
    expect(inputs.stdin).toEqual({ [SECRET_MARK]: expect.any(String), value: appBundle(appDir).archive });
  });

  it('serves no placeholder page where the application is released, and the health URL from outside the document root', () => {
    const write = recorded.find((r) => r.name === 'web1-web-site-write')?.inputs.create;
    expect(write).not.toContain('/var/www/html/index.php');
    expect(write).toContain('/var/www/hastack-health/health');
  });

  it('refuses an application folder without an index and a batch larger than the pool, before any host is touched', () => {
    const empty = mkdtempSync(join(tmpdir(), 'app-'));
    expect(() => new Site('bad-app', { description, privateKey: () => 'KEY', tiers: ['director', 'web'], app: { appDir: empty, batchSize: 3 } })).toThrow(
      `app:\n  appDir: "${empty}" has no index.php or index.html\n  batchSize: 3 must be between 1 and the pool's 2 hosts`,
    );
  });
});
