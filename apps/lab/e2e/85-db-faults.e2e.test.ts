import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as auto from '@pulumi/pulumi/automation';
import { JOB_CHECK_SCRIPT, RESTORE_CHECK_STATUS_FILE } from '@hastack/db';
import { shellQuote, waitUntil } from '@hastack/host';
import type { InventoryHost } from '@hastack/inventory';
import { labStackEnvVars, PROJECT_NAME } from '../src/deploy/lab-stack';
import type { LabOutputs } from '../src/program';
import { hostsWithRole } from '../src/probes/failover';
import { labSsh } from '@hastack/lab-machines';
import { deploy, e2eStack, inventory, sh, stackOutputs } from './support';

const [primary] = hostsWithRole(inventory, 'db-primary');
const [replica] = hostsWithRole(inventory, 'db-replica');
const DB = 'hastack_e2e_faults';
const sql = (host: InventoryHost, statement: string) => sh(host, `mariadb -N -B -e ${shellQuote(statement)}`);
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** Runs a shell loop on a host in the background, detached from the SSH session that starts it. */
const detached = (host: InventoryHost, script: string) => sh(host, `setsid -f bash -c ${shellQuote(script)} </dev/null >/dev/null 2>&1`);

/** Waits until the replica has applied everything the primary has, and returns both tables' row counts and checksums. */
async function caughtUp(table: string): Promise<{ primary: string; replica: string }> {
  const target = (await sql(primary, 'SELECT @@GLOBAL.gtid_binlog_pos')).trim();
  await waitUntil(
    `${replica.name} to apply up to ${target}`,
    async () => ((await sql(replica, 'SELECT @@GLOBAL.gtid_slave_pos')).trim() === target ? true : undefined),
    120000,
    250,
  );
  const state = `SELECT COUNT(*) FROM ${table}; CHECKSUM TABLE ${table}`;
  return { primary: await sql(primary, state), replica: await sql(replica, state) };
}

async function replicating(): Promise<void> {
  await waitUntil(
    `${replica.name} to replicate with both threads`,
    async () =>
      (await sh(replica, "mariadb -e 'SHOW SLAVE STATUS\\G' | grep -c -E '^ *Slave_(IO|SQL)_Running: Yes$' || true")).trim() === '2' ? true : undefined,
    120000,
    500,
  );
}

/** `ps -eo args` on the database hosts, again and again until `done` settles; what it saw. */
async function sampleProcesses(done: Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  let finished = false;
  done.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (!finished) {
    for (const host of [primary, replica]) {
      const ps = await labSsh(host, 'ps -eo args');
      if (ps.code === 0) seen.push(ps.stdout);
    }
  }
  return seen;
}

/** Every password the stack generated, decrypted by the CLI from the state. */
function stackPasswords(): string[] {
  const root = resolve(__dirname, '../../..');
  // The whole lab stack's state is several MB.
  const exported = JSON.parse(
    execFileSync('pulumi', ['stack', 'export', '--show-secrets', '--stack', e2eStack.name], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ...labStackEnvVars(e2eStack.name) },
    }),
  );
  return (exported.deployment.resources as { type: string; outputs?: { result?: { plaintext?: string } } }[])
    .filter((r) => r.type === 'random:index/randomPassword:RandomPassword' && r.outputs?.result?.plaintext)
    .map((r) => JSON.parse(r.outputs!.result!.plaintext!) as string);
}

describe('the MariaDB tier under faults', () => {
  beforeAll(() => sql(primary, `CREATE DATABASE IF NOT EXISTS ${DB}`));
  afterAll(async () => {
    await sql(primary, `DROP DATABASE IF EXISTS ${DB}`);
    await sh(primary, 'rm -f /run/e2e-acked /run/e2e-writer.*');
  });

  it('catches up with every row after a replica restart while a client writes 20 rows/s for 30 s', async () => {
    await sql(primary, `CREATE TABLE ${DB}.load (id INT PRIMARY KEY, created DATETIME(6) NOT NULL)`);
    await sh(primary, 'rm -f /run/e2e-writer.*');
    const started = Date.now();
    // One client session, one autocommitted row every 50 ms: 600 rows.
    await detached(
      primary,
      `for i in $(seq 1 600); do echo "INSERT INTO ${DB}.load VALUES ($i, NOW(6));"; sleep 0.05; done | mariadb && touch /run/e2e-writer.done || touch /run/e2e-writer.failed`,
    );
    await sleep(8000);
    const restart = Date.now();
    await sh(replica, 'systemctl restart mariadb');
    const restartSeconds = seconds(restart);
    await waitUntil('the writer to finish', async () => (await labSsh(primary, 'ls /run/e2e-writer.*')).stdout.trim() || undefined, 120000, 500);
    const writerSeconds = seconds(started);
    expect((await sh(primary, 'ls /run/e2e-writer.*')).trim()).toBe('/run/e2e-writer.done');
    const ended = Date.now();
    await replicating();
    const state = await caughtUp(`${DB}.load`);
    console.log(`replica restart: ${restartSeconds} s; writer: 600 rows in ${writerSeconds} s; replica caught up ${seconds(ended)} s after the writer ended`);
    expect(state.primary).toMatch(/^600\n/);
    expect(state.replica).toBe(state.primary);
  });

  it('has every row the primary acknowledged on the replica when the primary is SIGKILLed, then heals', async () => {
    await sql(primary, `CREATE TABLE ${DB}.acked (id INT PRIMARY KEY)`);
    await replicating();
    // Semi-sync is active again once the replica acknowledged a transaction after its restart.
    await sql(primary, `INSERT INTO ${DB}.acked VALUES (0)`);
    const before = await sql(primary, "SHOW GLOBAL STATUS WHERE Variable_name IN ('Rpl_semi_sync_master_status', 'Rpl_semi_sync_master_no_times')");
    expect(before).toMatch(/Rpl_semi_sync_master_status\tON/);
    await sh(primary, 'rm -f /run/e2e-acked');
    // Each id is printed by the server only after its INSERT returned OK, which semi-sync gives only
    // once the replica has the transaction: the file lists exactly what the client saw acknowledged.
    await detached(
      primary,
      `for i in $(seq 1 100000); do echo "INSERT INTO ${DB}.acked VALUES ($i); SELECT $i;"; sleep 0.01; done | mariadb --unbuffered -N -B > /run/e2e-acked 2>/dev/null`,
    );
    await sleep(5000);
    // The status just before the kill, in the same command: no fallback to asynchronous during the run.
    const atKill = await sh(
      primary,
      "mariadb -N -B -e \"SHOW GLOBAL STATUS WHERE Variable_name IN ('Rpl_semi_sync_master_status', 'Rpl_semi_sync_master_no_times')\"; systemctl kill --signal=SIGKILL mariadb",
    );
    const killed = Date.now();
    expect(atKill).toBe(before);
    await sleep(500);
    const acked = (await sh(primary, 'cat /run/e2e-acked')).split('\n').filter(Boolean).map(Number);
    expect(acked.length).toBeGreaterThan(50);
    expect(acked).toEqual(acked.map((_, i) => i + 1));
    const last = acked[acked.length - 1];
    // The replica applies what it had received; it must hold every acknowledged row.
    const held = await waitUntil(
      `${replica.name} to apply what it received`,
      async () => {
        const count = Number(await sql(replica, `SELECT COUNT(*) FROM ${DB}.acked WHERE id BETWEEN 1 AND ${last}`));
        return count === last ? count : undefined;
      },
      15000,
      200,
    ).catch(async () => Number(await sql(replica, `SELECT COUNT(*) FROM ${DB}.acked WHERE id BETWEEN 1 AND ${last}`)));
    const onReplica = Number(await sql(replica, `SELECT MAX(id) FROM ${DB}.acked`));
    console.log(`semi-sync: ${acked.length} rows acknowledged before the SIGKILL; the replica holds ${held} of them (its newest row ${onReplica})`);
    expect(held).toBe(last);

    // Healing: systemd starts the killed server again (Restart=on-abort), InnoDB recovers, the replica reconnects.
    const primaryActive = async () => (await labSsh(primary, 'systemctl is-active mariadb')).stdout.trim() === 'active';
    await waitUntil('the primary to run again', async () => ((await primaryActive()) ? true : undefined), 120000, 500);
    await replicating();
    await sql(primary, `INSERT INTO ${DB}.acked VALUES (-1)`);
    const state = await caughtUp(`${DB}.acked`);
    console.log(`primary running and the replica caught up ${seconds(killed)} s after the SIGKILL`);
    expect(state.replica).toBe(state.primary);
    expect(await sql(primary, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_status'")).toBe('Rpl_semi_sync_master_status\tON\n');
  });

  it('refuses to rejoin a replica holding a write the primary lacks, changing nothing, until the description lets it go', async () => {
    // A write made on the replica itself, with replication stopped: what an old primary's unreplicated writes look like.
    await sql(replica, 'STOP SLAVE; CREATE DATABASE e2e_errant; CREATE TABLE e2e_errant.t (id INT PRIMARY KEY); INSERT INTO e2e_errant.t VALUES (1)');
    const errant = (await sql(replica, 'SELECT @@GLOBAL.gtid_binlog_pos')).trim();
    const sinceEpoch = Math.floor(Date.now() / 1000);
    const join = `db-${replica.name}-replication-step`;
    const refusal = await deploy(inventory, {}, [join]).then(
      () => 'the update succeeded',
      (error: Error) => error.message,
    );
    console.log(
      `85: ${refusal
        .split('\n')
        .find((line) => line.includes('refused:'))
        ?.trim()}`,
    );
    expect(refusal).toContain(`refused: ${replica.name} holds what the primary ${primary.name} lacks, which the join would drop:`);
    expect(refusal).toContain(`transactions it never got (${errant})`);
    expect(refusal).toContain('databases with tables (e2e_errant)');
    expect(refusal).toContain(`set "discardData": true on ${replica.name}`);
    expect(await sql(replica, 'SELECT id FROM e2e_errant.t')).toBe('1\n');
    expect(await sh(replica, "mariadb -e 'SHOW SLAVE STATUS\\G' | sed -n 's/^ *Master_Host: //p'")).toBe(`${primary.address}\n`);

    const consenting = { ...inventory, hosts: inventory.hosts.map((host) => (host === replica ? { ...host, discardData: true } : host)) };
    await deploy(consenting);
    await replicating();
    expect(await sql(replica, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'e2e_errant'")).toBe('0\n');
    const journal = await sh(replica, `journalctl -q --since @${sinceEpoch} -t hastack-db-join -o cat --no-pager`);
    expect(journal).toContain(
      `${replica.name} discards what the primary ${primary.name} lacks: transactions it never got (${errant}) and databases with tables (e2e_errant)`,
    );
    // The consent is for one deployment: taken out again, the replica just goes on.
    expect((await deploy()).summary.resourceChanges?.delete ?? 0).toBe(0);
    await replicating();
  });

  it('rejoins a replica removed from the stack with its data purged, with every row, leaking no password', async () => {
    const sinceEpoch = Math.floor(Date.now() / 1000);
    await sql(primary, `CREATE TABLE ${DB}.rejoin (id INT PRIMARY KEY); INSERT INTO ${DB}.rejoin SELECT seq FROM ${DB}.seq_1_to_100`);
    const outputs: string[] = [];
    const keep = (result: auto.UpResult) => (outputs.push(result.stdout, result.stderr), result);

    const without = { ...inventory, hosts: inventory.hosts.filter((host) => host.name !== replica.name) };
    let started = Date.now();
    const removing = deploy(without).then(keep);
    const samples = await sampleProcesses(removing);
    await removing;
    console.log(`deploy without ${replica.name}: ${seconds(started)} s`);
    expect(await sh(replica, "dpkg -l 'mariadb-server*' 2>/dev/null | grep '^ii' || true")).toBe('');
    expect(await sh(replica, 'for p in /var/lib/mysql /var/backups/hastack-db /var/lib/hastack-db; do test ! -e "$p" || echo "$p"; done')).toBe('');
    expect(await sql(primary, "SELECT COUNT(*) FROM mysql.user WHERE User IN ('hastack_repl', 'hastack_snapshot')")).toBe('0\n');
    expect(await sql(primary, 'SELECT @@rpl_semi_sync_master_enabled')).toBe('0\n');

    // Rows the replica was away for.
    await sql(primary, `INSERT INTO ${DB}.rejoin SELECT seq FROM ${DB}.seq_101_to_200`);
    started = Date.now();
    const adding = deploy(inventory).then(keep);
    samples.push(...(await sampleProcesses(adding)));
    await adding;
    console.log(`deploy with ${replica.name} back, its data joined from the primary: ${seconds(started)} s`);
    const state = await caughtUp(`${DB}.rejoin`);
    expect(state.primary).toMatch(/^200\n/);
    expect(state.replica).toBe(state.primary);
    expect(await sql(primary, 'SELECT @@rpl_semi_sync_master_enabled')).toBe('1\n');

    const passwords = stackPasswords();
    expect(passwords.length).toBeGreaterThanOrEqual(5);
    const backend = new URL(String(process.env.PULUMI_BACKEND_URL)).pathname;
    const state_ = readFileSync(join(backend, `.pulumi/stacks/${PROJECT_NAME}/${e2eStack.name}.json`), 'utf8');
    const journals = await Promise.all([primary, replica].map((host) => sh(host, `journalctl --since @${sinceEpoch} -o cat --no-pager`)));
    console.log(
      `looked for ${passwords.length} passwords in ${samples.length} process lists, ${outputs.length} deploy logs, the state file and ${journals.length} journals`,
    );
    expect(samples.length).toBeGreaterThan(20);
    for (const password of passwords) {
      expect(samples.some((sample) => sample.includes(password))).toBe(false);
      expect(outputs.some((output) => output.includes(password))).toBe(false);
      expect(state_.includes(password)).toBe(false);
      expect(journals.some((journal) => journal.includes(password))).toBe(false);
    }

    // And the stack is at rest again: one more deployment changes nothing.
    const again = await deploy();
    expect(Object.keys(again.summary.resourceChanges ?? {})).toEqual(['same']);
  });

  it('lets the rejoined replica wait for its first backup: its restore check neither fails nor pages', async () => {
    const { backupHost, restoreCheckUnit } = (await stackOutputs()).database.value as NonNullable<LabOutputs['database']>;
    expect(backupHost).toBe(replica.name);
    expect(await sh(replica, 'ls -A /var/backups/hastack-db 2>/dev/null || true')).toBe('');
    await sh(replica, `systemctl start ${restoreCheckUnit}`);
    expect(await sh(replica, `${JOB_CHECK_SCRIPT} ${RESTORE_CHECK_STATUS_FILE} 50`)).toMatch(
      /^OK: no backup in \/var\/backups\/hastack-db to restore yet, the job was installed 0 h ago/,
    );
  });
});
