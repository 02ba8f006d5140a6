import type { RecoveryReport } from '@hastack/dfs';
import type { InventoryHost } from '@hastack/inventory';
import { recoverLabDfsMaster } from '../src/ops/dfs-recover-master';
import { hostsWithRole } from '../src/probes/failover';
import { collectDfsStatus } from '../src/status/dfs-status';
import { sampleSite } from '../src/status';
import { describeTraffic, startTraffic } from '../src/probes/traffic';
import type { TrafficReport } from '../src/probes/traffic';
import { inventory, sh } from './support';
import { waitUntil } from '@hastack/host';

const [web1, web2] = hostsWithRole(inventory, 'web');
const [master] = hostsWithRole(inventory, 'dfs-master');
const [metalogger] = hostsWithRole(inventory, 'dfs-metalogger');
const folder = `/srv/shared/e2e-88-${process.pid}`;
const names = ['a', 'b', 'c'];

const shaOf = async (web: InventoryHost) =>
  (await sh(web, names.map((name) => `sha256sum < ${folder}/${name}`).join('; ')))
    .trim()
    .split('\n')
    .map((line) => line.split(' ')[0]);

describe('the MooseFS master rebuilt from the metalogger (npm run ops -- dfs:recover-master)', () => {
  afterAll(async () => {
    await sh(master, 'systemctl start moosefs-master');
    await sh(web1, `rm -rf ${folder}`);
  });

  it('refuses to roll back a master that runs', async () => {
    await expect(recoverLabDfsMaster(inventory, {}, () => undefined)).rejects.toThrow(`the MooseFS master on ${master.name} is running`);
  });

  it('brings back every file written before the master lost its metadata, and every chunkserver and mount reconnects', async () => {
    await sh(web1, `mkdir -p ${folder} && for f in ${names.join(' ')}; do head -c 262144 /dev/urandom > ${folder}/$f; done && sync`);
    const written = await shaOf(web1);
    // The metalogger receives each change as the master makes it.
    await waitUntil(
      'the metalogger to log the new files',
      async () => ((await sh(metalogger, `grep -c 'e2e-88-${process.pid}' /var/lib/mfs/changelog_ml.0.mfs || true`)).trim() !== '0' ? true : undefined),
      20000,
      500,
    );
    // Visitors keep coming: every page reads or writes a file on the MooseFS mount.
    const traffic = startTraffic(`http://${inventory.vip}/`);
    const lines: string[] = [];
    let report: RecoveryReport;
    let client: TrafficReport;
    try {
      // The master's disk loses its metadata: the daemon dies without saving, then its files go.
      await sh(
        master,
        'systemctl kill -s KILL moosefs-master; systemctl stop moosefs-master; rm -f /var/lib/mfs/metadata.mfs /var/lib/mfs/metadata.mfs.back* /var/lib/mfs/changelog.*',
      );
      report = await recoverLabDfsMaster(inventory, {}, (line) => lines.push(line));
    } finally {
      client = await traffic.stop();
    }
    console.log(`${lines.join('\n')}\nrecovered in ${report.seconds.toFixed(1)} s; ${describeTraffic(client)}`);
    expect(client.perSecond).toBeGreaterThanOrEqual(20);
    expect(await sh(master, `ls ${report.asideFolder}`)).toContain('mfsmaster-a.log');

    // Read through both hosts' mounts: web2's cannot answer from a page cache of the writes.
    expect(await shaOf(web2)).toEqual(written);
    expect(await shaOf(web1)).toEqual(written);
    expect(await sh(web2, `echo after > ${folder}/after && cat ${folder}/after`)).toBe('after\n');
    // Every chunkserver and every web host's mount has a session with the rebuilt master again.
    await waitUntil(
      'the rebuilt master to see every chunkserver and mount',
      async () => {
        const now = await collectDfsStatus(inventory);
        return now?.master.active && now.chunkservers.every((cs) => cs.connected) && now.mounts.every((mount) => mount.session) ? now : undefined;
      },
      60000,
      2000,
    );
    expect((await sampleSite(`http://${inventory.vip}/`, 20)).failed ?? 0).toBe(0);
  });
});
