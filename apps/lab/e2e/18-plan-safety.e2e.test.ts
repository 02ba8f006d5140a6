import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { hostsWithRole } from '../src/probes/failover';
import { describeTraffic, startTraffic } from '../src/probes/traffic';
import { deploy, e2eStack, inventory, sh, sshLogins } from './support';

const ROOT = resolve(__dirname, '../../..');
const [db1] = hostsWithRole(inventory, 'db-primary');
const [db2] = hostsWithRole(inventory, 'db-replica');
const [master] = hostsWithRole(inventory, 'dfs-master');
const [chunk1] = hostsWithRole(inventory, 'dfs-chunkserver');
const [monitoring] = hostsWithRole(inventory, 'monitoring');
const web2 = hostsWithRole(inventory, 'web')[1];
const wholeSite = !e2eStack.tiers;

const edited = (change: (host: InventoryHost) => InventoryHost): Inventory => ({ ...inventory, hosts: inventory.hosts.map(change) });
const withRoles = (host: InventoryHost, roles: InventoryHost['roles']): InventoryHost => ({ ...host, roles });

/** `npm run pulumi -- preview --stack lab` of an edited inventory, as an operator runs it: its exit code and output. */
function previewOf(description: Inventory): { status: number | null; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'plan-safety-')), 'inventory.json');
  writeFileSync(file, JSON.stringify(description));
  const result = spawnSync('bash', ['tools/scripts/run.sh', 'pulumi', 'preview', '--stack', e2eStack.name, '--non-interactive', '--color', 'never'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, HASTACK_INVENTORY: file },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What an edit must leave alone: the databases' rows, the file system's metadata, every host's logins. */
async function dataAndLogins() {
  const checksum = "mariadb -N -B -e 'CHECKSUM TABLE mysql.user, mysql.db'";
  return {
    db1: await sh(db1, checksum),
    db2: await sh(db2, checksum),
    metadata: await sh(master, 'sha256sum /var/lib/mfs/metadata.mfs* 2>/dev/null || true'),
    logins: await Promise.all(inventory.hosts.map(sshLogins)),
  };
}

(wholeSite ? describe : describe.skip)('plan safety: the description compared with what the stack deployed last', () => {
  it('refuses swapped database roles and a moved MooseFS master at preview, one line each, touching no host', async () => {
    const before = await dataAndLogins();
    const swapped = edited((host) =>
      host === db1
        ? withRoles(host, ['db-replica'])
        : host === db2
          ? withRoles(host, ['db-primary'])
          : host === master
            ? withRoles(host, ['dfs-chunkserver'])
            : host === chunk1
              ? withRoles(host, [...host.roles, 'dfs-master'])
              : host,
    );
    const refused = previewOf(swapped);
    console.log(
      `18: swapped roles and a moved master:\n${refused.output
        .split('\n')
        .filter((line) => /error|moves/.test(line))
        .join('\n')}`,
    );
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(`- db-primary moves from ${db1.name} (${db1.address}) to ${db2.name} (${db2.address}): ${db1.name} would be emptied`);
    expect(refused.output).toContain(
      `- dfs-master moves from ${master.name} (${master.address}) to ${chunk1.name} (${chunk1.address}): a master without metadata`,
    );
    expect(refused.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    const after = await dataAndLogins();
    // Between the two counts: the count's own login on every host, and the data reads on the three hosts read.
    const reads = [db1, db2, master];
    expect(after).toEqual({ ...before, logins: before.logins.map((count, i) => count + 1 + (reads.includes(inventory.hosts[i]) ? 1 : 0)) });
  });

  it('refuses an empty host named primary, naming the members it would overwrite', async () => {
    const empty = edited((host) =>
      host === db1 ? withRoles(host, ['db-replica']) : host === monitoring ? withRoles(host, [...host.roles, 'db-primary']) : host,
    );
    const refused = previewOf(empty);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(
      `- db-primary moves from ${db1.name} (${db1.address}) to ${monitoring.name} (${monitoring.address}): ${monitoring.name} was not a database member`,
    );
    expect(refused.output).toContain(`to let the data of ${db1.name}, ${db2.name} go, set "discardData": true on each`);
  });

  it(`renames ${web2.name} (same address and key) under a client: nothing on it stops, nothing is removed, no request fails`, async () => {
    const apache = () => sh(web2, 'systemctl show -p MainPID --value apache2');
    const packages = () => sh(web2, "dpkg-query -W -f '${Package}\\n' | sort");
    const [pid, installed, vipOnLo] = [await apache(), await packages(), await sh(web2, `ip -4 -o addr show dev lo | grep -c ' ${inventory.vip}/' || true`)];
    const client = startTraffic(`http://${inventory.vip}/`);
    const renamed = { ...web2, name: 'www2' };
    // What the stack leaves on a host (sysctl files, units, firewall fragments, records) keeps the host's first name.
    const namedAfterNewName = async () =>
      (await sh(web2, `find /etc /usr/local/lib/hastack /var/lib/hastack -xdev -name '*${renamed.name}*' 2>/dev/null || true`)).trim();
    let changes: Record<string, number> | undefined;
    try {
      changes = (await deploy(edited((host) => (host === web2 ? renamed : host)))).summary.resourceChanges;
    } finally {
      const report = await client.stop();
      console.log(`18: ${web2.name} renamed www2: ${JSON.stringify(changes)}; ${describeTraffic(report)}`);
      expect(report.perSecond).toBeGreaterThanOrEqual(20);
      expect(report.failed).toBe(0);
    }
    expect(changes?.delete ?? 0).toBe(0);
    expect(await apache()).toBe(pid);
    expect(await packages()).toBe(installed);
    expect(await sh(web2, `ip -4 -o addr show dev lo | grep -c ' ${inventory.vip}/' || true`)).toBe(vipOnLo);
    expect(vipOnLo.trim()).toBe('1');
    expect(await namedAfterNewName()).toBe('');

    // And back, the same way; then the stack is at rest.
    expect((await deploy()).summary.resourceChanges?.delete ?? 0).toBe(0);
    expect(await apache()).toBe(pid);
    expect(await namedAfterNewName()).toBe('');
    expect(Object.keys((await deploy()).summary.resourceChanges ?? {})).toEqual(['same']);
  });
});
