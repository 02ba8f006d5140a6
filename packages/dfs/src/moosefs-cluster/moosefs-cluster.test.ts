import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { MooseFsCluster } from './moosefs-cluster';
import type { MooseFsClusterArgs } from './moosefs-cluster-args';

const recorded = recordResources();
const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });
const master = host('dfs-master', '10.0.0.41');
const chunk1 = host('dfs-chunk1', '10.0.0.42');
const chunk2 = host('dfs-chunk2', '10.0.0.43');
const args: MooseFsClusterArgs = { master, metaloggers: [chunk1], chunkservers: [chunk1, chunk2], clients: ['10.0.0.21', '10.0.0.22'] };

function inputsOf(name: string): Record<string, unknown> {
  const found = recorded.find((r) => r.name === name);
  if (!found) throw new Error(`nothing named ${name} was registered: ${recorded.map((r) => r.name).join(', ')}`);
  return found.inputs;
}

/** The files a ConfigFileSet writes, from its stdin (base64 lines), a secret unwrapped. */
function setFiles(name: string): string[] {
  const stdin = inputsOf(name).stdin as string | { value: string };
  const text = typeof stdin === 'string' ? stdin : stdin.value;
  return text
    .trim()
    .split('\n')
    .map((line) => Buffer.from(line, 'base64').toString('utf8'));
}

/** The checks' commands once the addresses in them resolve. */
function checkCommands(cluster: MooseFsCluster): Promise<string[]> {
  return valueOf(pulumi.all(cluster.checks.map((check) => pulumi.output(check.command))));
}

describe('MooseFsCluster', () => {
  it('throws every argument problem before creating anything', () => {
    expect(
      withoutCreating(
        recorded,
        () => new MooseFsCluster('bad', { ...args, master: undefined, goal: 3, storage: [{ path: 'srv/chunks' }] } as unknown as MooseFsClusterArgs),
      ),
    ).toThrow(
      /master: a master host is needed\n.*goal: 3 copies need at least 3 chunkservers, there are 2\n.*storage\[0\]\.path: "srv\/chunks" is not an absolute path/s,
    );
  });

  describe('a cluster', () => {
    let cluster: MooseFsCluster;
    beforeAll(async () => {
      cluster = new MooseFsCluster('dfs', args);
      await valueOf(cluster.chunkserverConfigDigests['dfs-chunk2']);
      await checkCommands(cluster);
    });

    it('gives every chunkserver the same two files, naming the master by address and no chunkserver', async () => {
      const [first, second] = [setFiles('dfs-dfs-chunk1-chunkserver-conf-write'), setFiles('dfs-dfs-chunk2-chunkserver-conf-write')];
      expect(second).toEqual(first);
      expect(first[0]).toContain('MASTER_HOST = 10.0.0.41\n');
      expect(first[1]).toContain('/srv/mfs-chunks\n');
      expect(first.join('')).not.toMatch(/10\.0\.0\.4[23]/);
      expect(await valueOf(cluster.chunkserverConfigDigests['dfs-chunk1'])).toBe(await valueOf(cluster.chunkserverConfigDigests['dfs-chunk2']));
    });

    it('keeps the chunkserver registration code secret, the same in the master and chunkserver configs', () => {
      const chunkserverStdin = inputsOf('dfs-dfs-chunk1-chunkserver-conf-write').stdin as Record<string, unknown>;
      expect(chunkserverStdin['4dabf18193072939515e22adb298388d']).toBeDefined();
      const code = (text: string) => text.match(/^AUTH_CODE = (.+)$/m)?.[1];
      expect(code(setFiles('dfs-dfs-master-master-conf-write')[0])).toBe(code(setFiles('dfs-dfs-chunk1-chunkserver-conf-write')[0]));
    });

    it('exports the tree to the clients and the admin address only, checked with the master config by a scratch master', () => {
      const [cfg, exportsCfg] = setFiles('dfs-dfs-master-master-conf-write');
      expect(cfg).toContain('MATOCL_LISTEN_HOST = 10.0.0.41\n');
      expect(
        exportsCfg
          .split('\n')
          .filter((line) => /^\d/.test(line))
          .map((line) => line.split('\t')[0]),
      ).toEqual(['10.0.0.41', '10.0.0.21', '10.0.0.22']);
      expect(String(inputsOf('dfs-dfs-master-master-conf-write').create)).toContain('hastack-mfsmaster-check');
    });

    it('makes one account, data folder and package set per host, the metalogger beside the chunkserver', () => {
      const names = recorded.map((r) => r.name);
      expect(names.filter((n) => n.startsWith('dfs-dfs-chunk1-') && n.endsWith('-packages'))).toEqual(['dfs-dfs-chunk1-packages']);
      expect(names).toEqual(
        expect.arrayContaining([
          'dfs-dfs-chunk1-mfs-user',
          'dfs-dfs-chunk1-data',
          'dfs-dfs-chunk1-metalogger',
          'dfs-dfs-chunk1-chunkserver',
          'dfs-dfs-chunk1-chunks-0',
        ]),
      );
      expect(String(inputsOf('dfs-dfs-chunk1-metalogger-conf-write').stdin)).toContain('MASTER_PORT = 9419\n');
    });

    it("has each metalogger fetch the master's metadata once the master serves it", () => {
      const step = recorded.find((r) => r.type === 'hastack:host:OneOffStep' && r.name === 'dfs-dfs-chunk1-metadata-copy');
      expect(step).toBeDefined();
      expect(recorded.some((r) => r.name === 'dfs-dfs-chunk2-metadata-copy')).toBe(false);
    });

    it('keeps data folders on destroy unless purgeData', () => {
      expect(String(inputsOf('dfs-dfs-chunk2-chunks-0-directory').delete)).toContain('the folder holds data the stack keeps');
      expect(String(inputsOf('dfs-dfs-master-data-directory').delete)).toContain('the folder holds data the stack keeps');
    });

    it('sets the goal from the admin host, given the master address as input, after the daemons run', () => {
      expect(inputsOf('dfs-goal-step').stdin).toBe('10.0.0.41');
      expect(String(inputsOf('dfs-goal-step').create)).toContain('mfssetgoal -r 2');
    });

    it('declares checks for every daemon and for the cluster', async () => {
      const { checks } = cluster;
      expect(checks.map((c) => `${c.host} ${c.name}`)).toEqual([
        'dfs-master moosefs-master',
        'dfs-master moosefs-chunkservers',
        'dfs-master moosefs-undergoal',
        'dfs-master moosefs-space',
        'dfs-chunk1 moosefs-chunkserver',
        'dfs-chunk1 moosefs-metalogger',
        'dfs-chunk1 moosefs-metadata-backup',
        'dfs-chunk2 moosefs-chunkserver',
      ]);
      expect((await checkCommands(cluster))[1]).toContain('mfscli -H 10.0.0.41');
    });
  });

  it('removes data folders on destroy with purgeData, and administers from another host when asked', async () => {
    const web1 = host('web1', '10.0.0.21');
    const cluster = new MooseFsCluster('purged', { ...args, purgeData: true, adminHost: web1 });
    await checkCommands(cluster);
    await valueOf(cluster.chunkserverConfigDigests['dfs-chunk2']);
    expect(String(inputsOf('purged-dfs-chunk2-chunks-0-directory').delete)).toContain('rm -rf');
    expect(recorded.some((r) => r.name === 'purged-web1-packages')).toBe(true);
    expect(recorded.some((r) => r.name === 'purged-web1-mfs-user')).toBe(false);
    const exportsCfg = setFiles('purged-dfs-master-master-conf-write')[1];
    expect(exportsCfg).toContain('10.0.0.21\t/\trw,alldirs,admin,maproot=0:0');
    expect(exportsCfg).not.toContain('10.0.0.41');
  });

  it('opens, on a family with a firewall, each port to exactly its peers, and 9419 to nobody without metaloggers', async () => {
    const el = (name: string, address: string) => defineHost({ name, address, os: 'rocky-9', privateKey: 'k' });
    const cluster = new MooseFsCluster('el', {
      master: el('m', '10.0.0.41'),
      chunkservers: [el('c1', '10.0.0.42'), el('c2', '10.0.0.43')],
      clients: ['10.0.0.21'],
    });
    await checkCommands(cluster);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The rules as firewalld reads them, the script's quoting taken off.
    const rules = (name: string) => String(inputsOf(name).create).replace(/\\/g, '');
    expect(rules('el-m-firewall-rules')).not.toContain('9419');
    expect(rules('el-m-firewall-rules')).toContain('source address="10.0.0.42" port port="9420"');
    expect(rules('el-m-firewall-rules')).toContain('source address="10.0.0.21" port port="9421"');
    expect(rules('el-c1-firewall-rules')).toContain('source address="10.0.0.43" port port="9422"');
    expect(rules('el-c1-firewall-rules')).not.toContain('source address="10.0.0.42"');
  });
});
