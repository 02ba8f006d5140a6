import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReplicaJoin, ReplicaJoin, replicaJoinInput } from './render-replica-join';

const REPLICATION_PASSWORD = 'Replication0123456789abcd';
const SNAPSHOT_PASSWORD = 'Snapshot0123456789abcdefg';

const settings = (workDir: string): ReplicaJoin => ({
  port: 3306,
  replicationUser: 'hastack_repl',
  snapshotUser: 'hastack_snapshot',
  workDir,
  connectRetrySeconds: 2,
  member: 'db2',
  primary: 'db1',
  discardData: false,
});

const DUMP = ['-- MariaDB dump', "-- SET GLOBAL gtid_slave_pos='0-3323068447-42';", 'CREATE DATABASE `shop`;', ''].join('\n');

/**
 * Runs a script with stand-ins for `mariadb` and `mariadb-dump`: the primary (reached with the option
 * file) has the databases in $PRIMARY_DBS, this member those in $LOCAL_DBS; SHOW SLAVE STATUS answers
 * $SLAVE_STATUS. Each records its arguments; the local server records what it reads.
 */
function runWithFakes(script: string, env: Record<string, string>, input = replicaJoinInput(REPLICATION_PASSWORD, SNAPSHOT_PASSWORD, '198.18.0.31')) {
  const dir = mkdtempSync(join(tmpdir(), 'replica-join-'));
  const write = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), ['#!/bin/bash', `printf '%s\\n' "$*" >> ${dir}/argv`, ...lines].join('\n'));
    chmodSync(join(dir, name), 0o755);
  };
  write('mariadb', [
    'if [[ "$*" == *"SHOW SLAVE STATUS"* ]]; then printf "%s\\n" "$SLAVE_STATUS"; exit 0; fi',
    'if [[ "$*" == *gtid_binlog_state* ]]; then if [[ "$*" == *defaults-extra-file* ]]; then printf "%s\\n" "$PRIMARY_GTIDS"; else printf "%s\\n" "$LOCAL_GTIDS"; fi; exit 0; fi',
    'if [[ "$*" == *information_schema.TABLES* ]]; then printf "%s" "$LOCAL_TABLE_DBS"; exit 0; fi',
    'if [[ "$*" == *defaults-extra-file* ]]; then cp "${1#--defaults-extra-file=}" ' + `${dir}/seen.cnf; printf '%s' "$PRIMARY_DBS"; exit 0; fi`,
    'if [[ "$*" == *SCHEMATA* ]]; then printf "%s" "$LOCAL_DBS"; exit 0; fi',
    `cat >> ${dir}/stdin`,
  ]);
  writeFileSync(join(dir, 'dump.sql'), DUMP);
  write('mariadb-dump', [`cat ${dir}/dump.sql`]);
  write('sleep', ['exit 0']);
  write('logger', []);
  writeFileSync(join(dir, 'input'), input, { mode: 0o600 });
  const result = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      STEP_INPUT: join(dir, 'input'),
      PRIMARY_DBS: '',
      LOCAL_DBS: '',
      LOCAL_TABLE_DBS: '',
      PRIMARY_GTIDS: '',
      LOCAL_GTIDS: '',
      SLAVE_STATUS: '',
      ...env,
    },
    encoding: 'utf8',
  });
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return '';
    }
  };
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, argv: read('argv'), stdin: read('stdin'), cnf: read('seen.cnf'), dir };
}

describe('renderReplicaJoin', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'replica-work-'));
  const scripts = renderReplicaJoin(settings(workDir));

  it('loads a snapshot of the primary outside the binary log and starts replication by GTID from its position', () => {
    const result = runWithFakes(scripts.run, { PRIMARY_DBS: 'shop\n', LOCAL_DBS: 'old\nshop\n' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.argv).toContain('--single-transaction --gtid --master-data=2');
    expect(result.argv).toContain('--databases shop');
    expect(result.argv).toContain('STOP SLAVE; RESET SLAVE ALL; RESET MASTER;');
    const [load, start] = [result.stdin.indexOf('SET SESSION sql_log_bin = 0;'), result.stdin.indexOf("SET GLOBAL gtid_slave_pos = '0-3323068447-42';")];
    expect(load).toBeGreaterThanOrEqual(0);
    expect(result.stdin).toContain('DROP DATABASE `old`;');
    expect(result.stdin).toContain('CREATE DATABASE `shop`;');
    expect(start).toBeGreaterThan(load);
    expect(result.stdin).toContain(`MASTER_HOST = '198.18.0.31', MASTER_PORT = 3306, MASTER_USER = 'hastack_repl'`);
    expect(result.stdin).toContain(`MASTER_PASSWORD = '${REPLICATION_PASSWORD}', MASTER_USE_GTID = slave_pos`);
    expect(result.stdin).toMatch(/START SLAVE;\n$/);
  });

  it('joins a member whose transactions the primary all has, and drops its empty databases the primary lacks', () => {
    const result = runWithFakes(scripts.run, {
      PRIMARY_DBS: 'shop\n',
      LOCAL_DBS: 'old\nshop\n',
      LOCAL_TABLE_DBS: 'shop\n',
      PRIMARY_GTIDS: '0-2-120,0-1-100,0-1-60',
      LOCAL_GTIDS: '0-1-100,0-2-90',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses, changing nothing, a member holding transactions or databases with tables the primary lacks, and names them', () => {
    const result = runWithFakes(scripts.run, {
      PRIMARY_DBS: 'shop\n',
      LOCAL_DBS: 'old\nshop\n',
      LOCAL_TABLE_DBS: 'old\nshop\n',
      PRIMARY_GTIDS: '0-2-120,0-1-100',
      LOCAL_GTIDS: '0-1-105,0-3-7,1-2-4',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'refused: db2 holds what the primary db1 lacks, which the join would drop: transactions it never got (0-1-105, 0-3-7, 1-2-4) ' +
        'and databases with tables (old). Nothing was changed; set "discardData": true on db2 in the description to let it go, or promote db2 to keep it\n',
    );
    expect(result.argv).not.toContain('STOP SLAVE');
    expect(result.stdin).toBe('');
  });

  it("drops them with the consent of the member, saying what goes in the host's journal", () => {
    const consenting = renderReplicaJoin({ ...settings(workDir), discardData: true });
    const result = runWithFakes(consenting.run, { PRIMARY_DBS: 'shop\n', PRIMARY_GTIDS: '0-2-120', LOCAL_GTIDS: '0-1-105' });
    expect(result.code).toBe(0);
    expect(result.argv).toContain('-t hastack-db-join -p user.warning -- db2 discards what the primary db1 lacks: transactions it never got (0-1-105)');
    expect(result.argv).toContain('STOP SLAVE; RESET SLAVE ALL; RESET MASTER;');
  });

  it('hands the snapshot password to the clients in a file, never in an argument, and removes it', () => {
    const result = runWithFakes(scripts.run, { PRIMARY_DBS: 'shop\n' });
    expect(result.cnf).toContain(`password=${SNAPSHOT_PASSWORD}`);
    expect(result.argv).not.toContain(SNAPSHOT_PASSWORD);
    expect(result.argv).not.toContain(REPLICATION_PASSWORD);
    expect(spawnSync('ls', ['-A', workDir], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('fails when the snapshot carries no GTID position', () => {
    const broken = scripts.run.replace('mariadb-dump --defaults', 'true --defaults');
    expect(runWithFakes(broken, { PRIMARY_DBS: 'shop\n' }).stderr).toContain('the snapshot carries no GTID position');
  });

  it('is done only for a replica of this primary by GTID with both threads running', () => {
    const status = (io: string, host = '198.18.0.31') =>
      [
        `Master_Host: ${host}`,
        'Master_Port: 3306',
        'Master_User: hastack_repl',
        'Using_Gtid: Slave_Pos',
        `Slave_IO_Running: ${io}`,
        'Slave_SQL_Running: Yes',
      ].join('\n');
    expect(runWithFakes(scripts.check, { SLAVE_STATUS: status('Yes') }).code).toBe(0);
    const other = runWithFakes(scripts.check, { SLAVE_STATUS: status('Yes', '198.18.0.99') });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("not a replica of 198.18.0.31:3306 by GTID (Master_Host is '198.18.0.99')");
    const stuck = runWithFakes(scripts.check, { SLAVE_STATUS: status('Connecting') });
    expect(stuck.code).toBe(1);
    expect(stuck.stdout).toContain('threads do not both run: I/O Connecting, SQL Yes');
  });

  it('refuses a primary address that is not IPv4, before doing anything', () => {
    const result = runWithFakes(scripts.run, {}, replicaJoinInput(REPLICATION_PASSWORD, SNAPSHOT_PASSWORD, "db1'; DROP"));
    expect(result.stderr).toContain(`the primary's address "db1'; DROP" is not an IPv4 address`);
    expect(result.argv).toBe('');
  });
});
