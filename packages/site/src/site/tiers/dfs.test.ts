import { recordResources } from '@hastack/host/testing';
import { Site } from '../site';
import { labHosts, testDescription } from '../test-description.testing';

const recorded = recordResources();
jest.setTimeout(60000);

const description = testDescription(labHosts('director1', 'director2', 'web1', 'web2', 'dfs-master', 'dfs-chunk1', 'dfs-chunk2'));

/** The second file of a config set (its stdin is base64 lines, wrapped as a secret here). */
function exportsOf(name: string): string {
  const stdin = recorded.find((r) => r.name === name)?.inputs.stdin as { value: string };
  return Buffer.from(stdin.value.trim().split('\n')[1], 'base64').toString('utf8');
}

describe('the dfs tier of a site', () => {
  beforeAll(async () => {
    new Site('site', { description, privateKey: () => 'KEY', tiers: ['dfs'], dfsAdminHost: 'web1', dfsChunkLoopSeconds: 30 });
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it('runs the master, the metalogger and the chunkservers on their roles and mounts the tree on every web host', () => {
    const components = recorded.filter((r) => r.type.startsWith('hastack:dfs:')).map((r) => `${r.type} ${r.name}`);
    expect(components).toEqual(['hastack:dfs:MooseFsCluster dfs', 'hastack:dfs:MooseFsMount web1-shared', 'hastack:dfs:MooseFsMount web2-shared']);
    expect(recorded.some((r) => r.name === 'dfs-dfs-chunk1-metalogger')).toBe(true);
    expect(recorded.some((r) => r.name === 'dfs-dfs-chunk2-metalogger')).toBe(false);
  });

  it('exports the tree to the web hosts only, the admin host named by the option', () => {
    const rules = exportsOf('dfs-dfs-master-master-conf-write')
      .split('\n')
      .filter((line) => /^\d/.test(line));
    expect(rules).toEqual(['198.18.0.21\t/\trw,alldirs,admin,maproot=0:0', '198.18.0.22\t/\trw,alldirs,maproot=0:0']);
  });

  it('bounds how long a page waits on the mount while the master is away', () => {
    for (const web of ['web1', 'web2']) {
      const stdin = recorded.find((r) => r.name === `${web}-shared-mount-units-write`)?.inputs.stdin;
      const unit = Buffer.from(String(stdin).split('\n')[0], 'base64').toString('utf8');
      expect(unit).toMatch(/^Options=.*mfstimeout=1$/m);
    }
  });

  it('refuses an admin host that is neither the master nor a web host', () => {
    expect(() => new Site('other', { description, privateKey: () => 'KEY', tiers: ['dfs'], dfsAdminHost: 'director1' })).toThrow(
      'dfsAdminHost: "director1" is neither the dfs-master nor a web host',
    );
  });

  it('names the missing master when the description has no dfs-master', () => {
    const noMaster = { ...description, hosts: description.hosts.filter((h) => h.name !== 'dfs-master') };
    expect(() => new Site('nomaster', { description: noMaster, privateKey: () => 'KEY', tiers: ['dfs'] })).toThrow('master: a master host is needed');
  });
});
