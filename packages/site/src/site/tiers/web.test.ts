import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordResources, valueOf } from '@hastack/host/testing';
import { appBundle, appDigest } from '@hastack/web';
import { Site } from '../site';
import { testDescription, testHost } from '../test-description.testing';

const recorded = recordResources();
jest.setTimeout(60000);

const description = testDescription([
  testHost('director1', '198.18.0.11', ['director']),
  testHost('director2', '198.18.0.12', ['director']),
  testHost('web1', '198.18.0.21', ['web']),
  testHost('web2', '198.18.0.22', ['web']),
  testHost('db1', '198.18.0.31', ['db-primary']),
  testHost('db2', '198.18.0.32', ['db-replica']),
  testHost('dfs-master', '198.18.0.41', ['dfs-master']),
  testHost('dfs-chunk1', '198.18.0.42', ['dfs-chunkserver']),
  testHost('dfs-chunk2', '198.18.0.43', ['dfs-chunkserver']),
]);

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
    expect(inputs.stdin).toBe(appBundle(appDir).archive);
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
