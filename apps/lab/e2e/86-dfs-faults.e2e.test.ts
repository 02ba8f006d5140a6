import type { InventoryHost } from '@hastack/inventory';
import { hostsWithRole } from '../src/probes/failover';
import { collectDfsStatus, DfsStatus } from '../src/status/dfs-status';
import { inventory, sh } from './support';
import { waitUntil } from '@hastack/host';

const [web1, web2] = hostsWithRole(inventory, 'web');
const [master] = hostsWithRole(inventory, 'dfs-master');
const chunkservers = hostsWithRole(inventory, 'dfs-chunkserver');
const stopped = chunkservers[chunkservers.length - 1];
const folder = `/srv/shared/e2e-86-${process.pid}`;

/** Writes a 1 MiB file of random bytes on `web` and returns its sha256. */
async function writeFile(web: InventoryHost, name: string): Promise<string> {
  return (await sh(web, `head -c 1048576 /dev/urandom > ${folder}/${name} && sync ${folder}/${name} && sha256sum < ${folder}/${name}`)).split(' ')[0];
}

/** Every file's sha256 as `web` reads it now. */
async function readAll(web: InventoryHost, names: string[]): Promise<string[]> {
  const out = await sh(web, names.map((name) => `sha256sum < ${folder}/${name}`).join('; '));
  return out
    .trim()
    .split('\n')
    .map((line) => line.split(' ')[0]);
}

const status = async (): Promise<DfsStatus> => (await collectDfsStatus(inventory))!;

describe('MooseFS with a chunkserver down', () => {
  // Each host reads the files the other wrote, so no answer comes from its own page cache.
  const written: Record<string, { web: InventoryHost; sha: string }> = {};

  beforeAll(async () => {
    await sh(web1, `mkdir -p ${folder}`);
    for (const [i, web] of [web1, web2, web1, web2].entries()) written[`before-${i}`] = { web, sha: await writeFile(web, `before-${i}`) };
  });
  afterAll(async () => {
    await sh(stopped, 'systemctl start moosefs-chunkserver');
    await sh(web1, `rm -rf ${folder}`);
  });

  const readByOther = async (names: string[]) => {
    for (const reader of [web1, web2]) {
      const theirs = names.filter((name) => written[name].web.name !== reader.name);
      if (theirs.length === 0) continue;
      expect(await readAll(reader, theirs)).toEqual(theirs.map((name) => written[name].sha));
    }
  };

  it('keeps every file readable on both web hosts, and status shows chunks under goal', async () => {
    await sh(stopped, 'systemctl stop moosefs-chunkserver');
    const down = await waitUntil(
      `the master to see ${stopped.name} gone`,
      async () => {
        const now = await status();
        return now.chunkservers.find((cs) => cs.name === stopped.name)?.connected === false && (now.chunksUnderGoal ?? 0) > 0 ? now : undefined;
      },
      30000,
      1000,
    );
    console.log(`with ${stopped.name} stopped: ${down.chunksUnderGoal} chunks under goal`);
    await readByOther(Object.keys(written));
    written['while-down'] = { web: web2, sha: await writeFile(web2, 'while-down') };
    expect(await sh(web2, `mfscheckfile ${folder}/while-down`)).toContain('chunks with 1 copy:');
    await readByOther(['while-down']);
  });

  it('gets back to no chunk under goal once the chunkserver returns, replicating what was written meanwhile', async () => {
    const started = Date.now();
    await sh(stopped, 'systemctl start moosefs-chunkserver');
    // Replication is asynchronous: the master's chunk loop finds the chunk with one copy on its next pass.
    await waitUntil('no chunk under goal', async () => ((await status()).chunksUnderGoal === 0 ? true : undefined), 240000, 2000);
    console.log(`chunks back at goal ${((Date.now() - started) / 1000).toFixed(0)} s after ${stopped.name} started`);
    for (const name of Object.keys(written)) expect(await sh(web1, `mfscheckfile ${folder}/${name}`)).toContain('chunks with 2 copies:');
    await readByOther(Object.keys(written));
  });
});

describe('MooseFS after a master restart', () => {
  it('serves the mounts again without remounting them', async () => {
    await sh(web1, `mkdir -p ${folder}`);
    const mountsBefore = await Promise.all([web1, web2].map((web) => sh(web, 'systemctl show -p ActiveEnterTimestampMonotonic --value srv-shared.mount')));
    await sh(master, 'systemctl restart moosefs-master');
    const sha = await waitUntil('a write through web1 after the restart', () => writeFile(web1, 'after-restart'), 60000, 1000);
    expect((await sh(web2, `sha256sum < ${folder}/after-restart`)).split(' ')[0]).toBe(sha);
    const mountsAfter = await Promise.all([web1, web2].map((web) => sh(web, 'systemctl show -p ActiveEnterTimestampMonotonic --value srv-shared.mount')));
    expect(mountsAfter).toEqual(mountsBefore);
    await sh(web1, `rm -rf ${folder}`);
  });
});
