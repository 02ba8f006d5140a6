import { setTimeout as sleep } from 'node:timers/promises';
import { BACKUP_CREDENTIALS_FILE, BACKUP_STATUS_FILE, JOB_CHECK_SCRIPT, RESTORE_CHECK_STATUS_FILE, TierUsers } from '@hastack/db';
import { osProfile, shellQuote, waitUntil } from '@hastack/host';
import type { InventoryHost } from '@hastack/inventory';
import type { LabOutputs } from '../src/program';
import { hostsWithRole } from '../src/probes/failover';
import { collectDbStatus, formatDbStatus, sqlAs } from '../src/status/db-status';
import { labSsh } from '@hastack/lab-machines';
import { runLabDatabaseJob } from '../src/ops/db-jobs';
import { e2eStack, inventory, sh, stackOutputs } from './support';

const [primary] = hostsWithRole(inventory, 'db-primary');
const replicas = hostsWithRole(inventory, 'db-replica');
const [web1] = hostsWithRole(inventory, 'web');
const DB = 'hastack_e2e';
const sql = (host: InventoryHost, statement: string) => sh(host, `mariadb -N -B -e ${shellQuote(statement)}`);

type Database = NonNullable<LabOutputs['database']> & { password: string };
let database: Database;
/** The web host's packages before the probe installed the client there, to remove exactly what it added. */
let web1Packages: string[] = [];

/** The member that holds the backups and the units that run a backup or a restore check now. */
const backupMember = () => inventory.hosts.find((host) => host.name === database.backupHost)!;

describe('the MariaDB tier', () => {
  beforeAll(async () => {
    database = (await stackOutputs()).database.value as Database;
    await sql(primary, `CREATE DATABASE IF NOT EXISTS ${DB}; CREATE TABLE IF NOT EXISTS ${DB}.rows (id INT PRIMARY KEY, created DATETIME(6) NOT NULL)`);
  });

  afterAll(async () => {
    await sql(primary, `DROP DATABASE IF EXISTS ${DB}; DROP TABLE IF EXISTS ${database.name}.e2e_probe`);
    if (web1Packages.length) {
      const added = (await sh(web1, "dpkg-query -W -f '${Package}\\n'")).split('\n').filter((name) => name && !web1Packages.includes(name));
      if (added.length) await sh(web1, `DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ${added.map(shellQuote).join(' ')} >/dev/null 2>&1`);
    }
  });

  it('runs a primary and replicas that replicate by GTID from it, read-only, with semi-sync on', async () => {
    const status = (await collectDbStatus(inventory))!;
    console.log(formatDbStatus(status).join('\n'));
    const [first, ...others] = status.members;
    expect(first).toMatchObject({ name: primary.name, role: 'primary', active: true, readOnly: false, semiSync: { enabled: true } });
    for (const member of others) {
      expect(member).toMatchObject({ role: 'replica', active: true, readOnly: true, semiSync: { enabled: true, active: true } });
      expect(member.replication).toMatchObject({ primary: primary.address, io: 'Yes', sql: 'Yes' });
    }
    expect(await sql(primary, 'SELECT @@server_id')).not.toBe(await sql(replicas[0], 'SELECT @@server_id'));
    expect(await sql(replicas[0], "SHOW GLOBAL VARIABLES LIKE 'rpl_semi_sync_master_wait_point'")).toBe('rpl_semi_sync_master_wait_point\tAFTER_SYNC\n');
  });

  it('shows a row written on the primary on every replica within a second (measured)', async () => {
    const delays: number[] = [];
    for (let trial = 1; trial <= 5; trial++) {
      const id = Date.now() % 1000000000;
      // Each replica polls for the row and prints, by its own clock (the hosts share the machine's), how
      // long after the primary's insert it saw it.
      const poll = `for i in $(seq 1 1000); do v="$(mariadb -N -B -e 'SELECT TIMESTAMPDIFF(MICROSECOND, created, NOW(6)) FROM ${DB}.rows WHERE id = ${id}')"; [ -n "$v" ] && { echo "$v"; exit 0; }; sleep 0.005; done; exit 1`;
      const seen = replicas.map((replica) => sh(replica, poll));
      await sleep(1000);
      await sql(primary, `INSERT INTO ${DB}.rows VALUES (${id}, NOW(6))`);
      for (const micros of await Promise.all(seen)) delays.push(Number(micros) / 1000);
    }
    console.log(`replication delay, primary insert to replica read, ms: ${delays.map((d) => d.toFixed(1)).join(', ')} (max ${Math.max(...delays).toFixed(1)})`);
    expect(Math.max(...delays)).toBeLessThan(1000);
  });

  it('lets the application user in from a web host only, writing on the primary and only reading on a replica', async () => {
    const app = { user: database.user, password: database.password };
    web1Packages = (await sh(web1, "dpkg-query -W -f '${Package}\\n'")).split('\n').filter(Boolean);
    // The web tier does not install a MariaDB client yet: the probe brings one and takes it away after.
    const client = osProfile(web1.os).packages.mysqlClient;
    if (!client.every((name) => web1Packages.includes(name))) {
      await sh(
        web1,
        `apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${client.join(' ')} >/dev/null 2>&1`,
      );
    }
    await sql(primary, `CREATE TABLE IF NOT EXISTS ${database.name}.e2e_probe (id INT PRIMARY KEY)`);
    const write = `INSERT INTO ${database.name}.e2e_probe VALUES (1) ON DUPLICATE KEY UPDATE id = id; SELECT COUNT(*) FROM ${database.name}.e2e_probe`;
    expect(await sqlAs(web1, primary.address, app, write)).toMatchObject({ code: 0, stdout: '1\n' });
    await waitUntil(
      'the probe row on the replica',
      async () => ((await sql(replicas[0], `SELECT COUNT(*) FROM ${database.name}.e2e_probe`)) === '1\n' ? true : undefined),
      10000,
    );
    expect(await sqlAs(web1, replicas[0].address, app, `SELECT COUNT(*) FROM ${database.name}.e2e_probe`)).toMatchObject({ code: 0, stdout: '1\n' });
    const onReplica = await sqlAs(web1, replicas[0].address, app, `INSERT INTO ${database.name}.e2e_probe VALUES (2)`);
    expect(onReplica.code).not.toBe(0);
    expect(onReplica.stderr).toContain('--read-only');
    const elsewhere = await sqlAs(web1, primary.address, app, `CREATE DATABASE e2e_not_mine`);
    expect(elsewhere.stderr).toContain(`Access denied for user '${database.user}'@'${web1.address}'`);
    // From a replica, which is not a web host, the same credentials do not get in.
    const fromReplica = await sqlAs(replicas[0], primary.address, app, 'SELECT 1');
    expect(fromReplica.code).not.toBe(0);
    expect(fromReplica.stderr).toMatch(new RegExp(`ERROR 1045 .*Access denied for user '${database.user}'@'${replicas[0].address.replace(/\./g, '\\.')}'`));
  });

  it('refuses the replication user from a web host, with the password the replica really uses', async () => {
    // A replica keeps its primary's credentials in master.info: line 5 the user, line 6 the password.
    const info = (await sh(replicas[0], 'sed -n 5,6p /var/lib/mysql/master.info')).split('\n');
    const replication = { user: info[0], password: info[1] };
    expect(replication.user).toBe(TierUsers.replication);
    const fromWeb = await sqlAs(web1, primary.address, replication, 'SELECT 1');
    expect(fromWeb.code).not.toBe(0);
    expect(fromWeb.stderr).toMatch(/ERROR 1045 .*Access denied|ERROR 1130 .*is not allowed to connect/);
    expect(await sqlAs(replicas[0], primary.address, replication, 'SELECT 1')).toMatchObject({ code: 0, stdout: '1\n' });
  });

  it("gives the backup account no read of other databases or of the accounts' password hashes", async () => {
    const member = backupMember();
    const asBackup = (statement: string) => labSsh(member, `mariadb --defaults-file=${BACKUP_CREDENTIALS_FILE} -N -B -e ${shellQuote(statement)}`);
    const grants = await asBackup('SHOW GRANTS');
    expect(grants.code).toBe(0);
    expect(grants.stdout).toMatch(new RegExp(`GRANT SELECT ON \`${database.name}\`\\.\\* TO`));
    expect(grants.stdout).not.toMatch(/GRANT [^\n]*\bSELECT\b[^\n]* ON \*\.\* TO/);
    const hashes = await asBackup('SELECT COUNT(*) FROM mysql.global_priv');
    expect(hashes.code).not.toBe(0);
    expect(hashes.stderr).toMatch(/ERROR 1142 .*SELECT command denied/);
    expect((await asBackup(`SELECT COUNT(*) FROM ${DB}.rows`)).code).not.toBe(0);
  });

  it('backs up the replica on demand (ops db:backup), and the restore check (ops db:restore-check) finds the restored data equal to the source at backup time', async () => {
    const member = backupMember();
    // The backup covers the application's database, where the probe table of the tests above lives.
    const checksum = await sql(primary, `CHECKSUM TABLE ${database.name}.e2e_probe`);
    const startedBackup = Date.now();
    const ops: string[] = [];
    const backup = await runLabDatabaseJob(inventory, 'backup', e2eStack.name, (line) => ops.push(line));
    const backupSeconds = (Date.now() - startedBackup) / 1000;
    expect(backup).toEqual(JSON.parse(await sh(member, `cat ${BACKUP_STATUS_FILE}`)));
    expect(backup).toMatchObject({ result: 'ok' });
    expect(ops).toEqual([`${member.name}: running ${database.backupUnit} and waiting for it`]);
    // What the backup recorded for the test table is what the primary has (nothing was written since).
    expect(await sh(member, `cat ${backup.folder}/checksums.tsv`)).toContain(checksum);
    expect(await sh(member, `cd ${backup.folder} && sha256sum --check --quiet SHA256SUMS && echo intact`)).toBe('intact\n');
    const startedCheck = Date.now();
    const check = await runLabDatabaseJob(inventory, 'restore-check', e2eStack.name, () => undefined);
    const checkSeconds = (Date.now() - startedCheck) / 1000;
    expect(check).toMatchObject({ result: 'ok', backup: backup.folder, gtid: backup.gtid });
    expect(check.tables).toBeGreaterThanOrEqual(1);
    console.log(
      `backup: ${backupSeconds.toFixed(1)} s (job ${backup.durationSeconds} s, ${(Number(backup.sizeBytes) / 1024).toFixed(0)} KiB, ${String(check.tables)} tables); ` +
        `restore check: ${checkSeconds.toFixed(1)} s (job ${check.durationSeconds} s): ${check.message}`,
    );
  });

  it('fails the restore check, naming the file, when a backup file is corrupted', async () => {
    const member = backupMember();
    const newest = JSON.parse(await sh(member, `cat ${BACKUP_STATUS_FILE}`)).folder as string;
    // A copy that sorts as the newest run, one byte of its stream changed.
    const corrupt = `${newest.slice(0, newest.lastIndexOf('/'))}/29991231T235959Z`;
    await sh(member, `cp -a ${newest} ${corrupt} && printf CORRUPTED | dd of=${corrupt}/backup.xbstream.gz bs=1 seek=4096 conv=notrunc status=none`);
    try {
      await expect(runLabDatabaseJob(inventory, 'restore-check', e2eStack.name, () => undefined)).rejects.toThrow(
        `${member.name} (${member.address}): exited 1: restore check failed: backup ${corrupt} is corrupt`,
      );
      const check = JSON.parse(await sh(member, `cat ${RESTORE_CHECK_STATUS_FILE}`));
      expect(check.result).toBe('failed');
      expect(check.message).toBe(
        `restore check failed: backup ${corrupt} is corrupt, its files do not match SHA256SUMS: backup.xbstream.gz: FAILED; sha256sum: WARNING: 1 computed checksum did NOT match`,
      );
      expect(await sh(member, `journalctl -u ${database.restoreCheckUnit} -n 20 -o cat --no-pager`)).toContain(`backup ${corrupt} is corrupt`);
      // What the monitoring agent runs says so too.
      const plugin = await labSsh(member, `${JOB_CHECK_SCRIPT} ${RESTORE_CHECK_STATUS_FILE} 50`);
      expect(plugin.code).toBe(2);
      expect(plugin.stdout).toContain('CRITICAL: last run at');
    } finally {
      await sh(member, `rm -rf ${corrupt}`);
    }
    await sh(member, `systemctl start ${database.restoreCheckUnit}`);
    expect(JSON.parse(await sh(member, `cat ${RESTORE_CHECK_STATUS_FILE}`)).result).toBe('ok');
    expect(await sh(member, `${JOB_CHECK_SCRIPT} ${RESTORE_CHECK_STATUS_FILE} 50`)).toMatch(/^OK: /);
  });
});
