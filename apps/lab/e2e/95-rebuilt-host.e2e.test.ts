import { execFileSync } from 'node:child_process';
import { shellQuote } from '@hastack/host';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { readInventory } from '@hastack/lab-machines';
import { hostsWithRole } from '../src/probes/failover';
import { deploy, e2eStack, inventory, sh, sshLogins } from './support';

const [primary] = hostsWithRole(inventory, 'db-primary');
const [replica] = hostsWithRole(inventory, 'db-replica');
const DB = 'hastack_e2e_rebuilt';
const sql = (host: InventoryHost, statement: string) => sh(host, `mariadb -N -B -e ${shellQuote(statement)}`);
const describeDb = !e2eStack.tiers || e2eStack.tiers.includes('db') ? describe : describe.skip;

/** server_id when the description names none: the data address read as a 32-bit number. */
const defaultServerId = (address: string) => address.split('.').reduce((id, octet) => id * 256 + Number(octet), 0);

// A machine replaced at the same address (new disk, new host key), as the lab does to every host on `lab:up`
// after `lab:down`: one `up` must bring it back to what the description says, its services running the
// configuration the deployment wrote, not the one its packages started with.
describeDb(`a rebuilt database replica (${replica.name})`, () => {
  let rebuilt: Inventory;

  beforeAll(async () => {
    await sql(primary, `CREATE DATABASE IF NOT EXISTS ${DB}; CREATE TABLE IF NOT EXISTS ${DB}.rows (id INT PRIMARY KEY); REPLACE INTO ${DB}.rows VALUES (1)`);
  });

  afterAll(async () => {
    await sql(primary, `DROP DATABASE IF EXISTS ${DB}`);
  });

  it('converges in one up: the server runs the option file of the deployment and replicates from the primary', async () => {
    const started = Date.now();
    execFileSync('tsx', ['tools/lab-machines/src/main.ts', 'rebuild', replica.name], { stdio: 'inherit' });
    rebuilt = readInventory();
    const host = rebuilt.hosts.find((candidate) => candidate.name === replica.name)!;
    expect(host.hostKey).not.toBe(replica.hostKey);
    const rebuiltAt = Date.now();
    const result = await deploy(rebuilt);
    console.log(
      `95: ${replica.name} rebuilt in ${((rebuiltAt - started) / 1000).toFixed(1)} s, converged by one up in ${((Date.now() - rebuiltAt) / 1000).toFixed(1)} s: ` +
        JSON.stringify(result.summary.resourceChanges),
    );
    const settings = await sql(host, 'SELECT @@server_id, @@log_bin, @@bind_address, @@read_only, @@gtid_strict_mode');
    expect(settings.trim().split('\t')).toEqual([String(defaultServerId(host.address)), '1', host.address, '1', '1']);
    await sql(primary, `REPLACE INTO ${DB}.rows VALUES (2)`);
    const gtid = (await sql(primary, 'SELECT @@gtid_binlog_pos')).trim();
    expect(await sql(host, `SELECT MASTER_GTID_WAIT('${gtid}', 10)`)).toBe('0\n');
    expect(await sql(host, `SELECT GROUP_CONCAT(id ORDER BY id) FROM ${DB}.rows`)).toBe('1,2\n');
    expect(await sql(host, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_slave_status'")).toBe('Rpl_semi_sync_slave_status\tON\n');
  }, 900000);

  it('then changes nothing and logs in nowhere on the next up', async () => {
    const host = rebuilt.hosts.find((candidate) => candidate.name === replica.name)!;
    const before = await sshLogins(host);
    const result = await deploy(rebuilt);
    const { same, ...changed } = result.summary.resourceChanges ?? {};
    expect(changed).toEqual({});
    expect(same).toBeGreaterThan(0);
    expect(await sshLogins(host)).toBe(before + 1);
  }, 600000);
});
