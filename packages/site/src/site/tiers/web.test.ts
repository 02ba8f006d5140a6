import { recordResources, valueOf } from '@hastack/host/testing';
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
