import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupAccount } from './accounts';
import { accountStepInput, AccountSpec, renderAccountStep } from './render-account-step';

const PASSWORD = 'Abcdefghijklmnop0123456789';
const HOSTS = ['198.18.0.22', '198.18.0.21'];
const app: AccountSpec = {
  user: 'shop_app',
  global: [],
  database: { name: 'shop', privileges: ['SELECT', 'INSERT'] },
};

/**
 * Runs a script against a stand-in `mariadb` that records its arguments and what it reads, and answers
 * the account-hosts query with `hosts`.
 */
function runWithFakeServer(
  script: string,
  hosts: string[],
  input = accountStepInput(PASSWORD, HOSTS),
  rights: { global?: string[]; scoped?: string[] } = {},
): { code: number; stderr: string; stdout: string; argv: string; stdin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'account-step-'));
  const fake = join(dir, 'mariadb');
  writeFileSync(
    fake,
    [
      '#!/bin/bash',
      `printf '%s\\n' "$*" >> ${dir}/argv`,
      'if [[ "$*" == *"SELECT Host FROM mysql.user"* ]]; then printf "%s" "$FAKE_HOSTS"; exit 0; fi',
      'query="$(cat)"',
      `printf '%s\\n' "$query" >> ${dir}/stdin`,
      // An account as it stands: its rights (one a line) and whether the password matches.
      'case "$query" in',
      '  *USER_PRIVILEGES*) printf "%s" "$FAKE_GLOBAL" ;;',
      '  *SCHEMA_PRIVILEGES*) printf "%s" "$FAKE_SCOPED" ;;',
      '  *authentication_string*) echo 1 ;;',
      'esac',
    ].join('\n'),
  );
  chmodSync(fake, 0o755);
  writeFileSync(join(dir, 'input'), input, { mode: 0o600 });
  const result = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH}`,
      STEP_INPUT: join(dir, 'input'),
      FAKE_HOSTS: hosts.map((h) => `${h}\n`).join(''),
      FAKE_GLOBAL: (rights.global ?? []).map((p) => `${p}\n`).join(''),
      FAKE_SCOPED: (rights.scoped ?? []).map((p) => `${p}\n`).join(''),
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
  return { code: result.status ?? -1, stderr: result.stderr, stdout: result.stdout, argv: read('argv'), stdin: read('stdin') };
}

describe('renderAccountStep', () => {
  const step = renderAccountStep(app);

  it('creates the account from each listed host with its password, rights on its database only, outside the binary log', () => {
    const result = runWithFakeServer(step.run, []);
    expect(result.code).toBe(0);
    expect(result.stdin).toMatch(/^SET SESSION sql_log_bin = 0;/);
    expect(result.stdin).toContain(`CREATE OR REPLACE USER 'shop_app'@'198.18.0.21' IDENTIFIED BY '${PASSWORD}';`);
    expect(result.stdin).toContain("GRANT SELECT, INSERT ON `shop`.* TO 'shop_app'@'198.18.0.22';");
    expect(result.stdin).not.toContain('ON *.*');
  });

  it('drops the account from hosts no longer listed', () => {
    const result = runWithFakeServer(step.run, ['198.18.0.21', '198.18.0.99']);
    expect(result.stdin).toContain("DROP USER IF EXISTS 'shop_app'@'198.18.0.99';");
    expect(result.stdin).not.toContain("DROP USER IF EXISTS 'shop_app'@'198.18.0.21';");
  });

  it('never puts the password in an argument', () => {
    for (const script of [step.run, step.check]) expect(runWithFakeServer(script, HOSTS).argv).not.toContain(PASSWORD);
    expect(step.run + step.check + step.undo).not.toContain(PASSWORD);
  });

  it('refuses to act on an account from a host it cannot quote', () => {
    const result = runWithFakeServer(step.run, ["x'; DROP DATABASE shop; --"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('shop_app has an account from an unexpected host');
  });

  it('says what differs when the hosts are not the listed ones', () => {
    const result = runWithFakeServer(step.check, ['198.18.0.21']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('shop_app may log in from [198.18.0.21], not [198.18.0.21 198.18.0.22]');
  });

  it('refuses a password that is not letters and digits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'account-pw-'));
    writeFileSync(join(dir, 'input'), "x'; DROP");
    const result = spawnSync('bash', ['-c', `set -euo pipefail\n${step.run}`], { env: { ...process.env, STEP_INPUT: join(dir, 'input') }, encoding: 'utf8' });
    expect(result.stderr).toContain('the password given on stdin must be 16 or more letters and digits');
  });

  it('drops every host of the account on undo, and checks global rights of a server-wide account', () => {
    expect(runWithFakeServer(step.undo, ['198.18.0.21']).stdin).toContain("DROP USER IF EXISTS 'shop_app'@'198.18.0.21';");
    const repl = renderAccountStep({ user: 'hastack_repl', global: ['REPLICATION SLAVE'] });
    expect(repl.check).toContain('[ "$got" = \'REPLICATION SLAVE\' ]');
    expect(runWithFakeServer(repl.run, [], accountStepInput(PASSWORD, ['198.18.0.32'])).stdin).toContain(
      "GRANT REPLICATION SLAVE ON *.* TO 'hastack_repl'@'198.18.0.32';",
    );
  });

  it('refuses a host or privilege that would change the SQL', () => {
    const result = runWithFakeServer(step.run, [], accountStepInput(PASSWORD, ["%'", 'OR', "'1"]));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`"%'" is not an address or localhost`);
    expect(result.stdin).toBe('');
    expect(() => renderAccountStep({ ...app, global: ['ALL; DROP'] })).toThrow('is not a privilege name');
  });
});

describe('the backup account', () => {
  const backup = renderAccountStep(backupAccount('shop', 'replica'));
  const local = accountStepInput(PASSWORD, ['localhost']);
  const granted = {
    global: ['BINLOG MONITOR', 'LOCK TABLES', 'PROCESS', 'RELOAD', 'REPLICATION SLAVE ADMIN'],
    scoped: ['shop:SELECT'],
  };

  it("gets mariabackup's server-wide rights and reads the application's database only", () => {
    const sql = runWithFakeServer(backup.run, [], local).stdin;
    expect(sql).toContain("GRANT BINLOG MONITOR, LOCK TABLES, PROCESS, RELOAD, REPLICATION SLAVE ADMIN ON *.* TO 'hastack_backup'@'localhost';");
    expect(sql).toContain("GRANT SELECT ON `shop`.* TO 'hastack_backup'@'localhost';");
    expect(sql).not.toMatch(/SELECT[^\n]* ON \*\.\*/);
    expect(renderAccountStep(backupAccount('shop', 'primary')).run).not.toContain('REPLICATION SLAVE ADMIN');
  });

  it('finds the global SELECT an older deployment granted, and replaces the account, its old rights gone', () => {
    const older = runWithFakeServer(backup.check, ['localhost'], local, { global: [...granted.global, 'SELECT'] });
    expect(older.code).toBe(1);
    expect(older.stdout).toContain(
      'hastack_backup@localhost: global privileges are BINLOG MONITOR,LOCK TABLES,PROCESS,RELOAD,REPLICATION SLAVE ADMIN,SELECT, not BINLOG MONITOR,LOCK TABLES,PROCESS,RELOAD,REPLICATION SLAVE ADMIN',
    );
    // CREATE OR REPLACE drops the account with every right it held before granting the new ones.
    expect(runWithFakeServer(backup.run, ['localhost'], local).stdin).toMatch(
      /^SET SESSION sql_log_bin = 0;\nCREATE OR REPLACE USER 'hastack_backup'@'localhost' /,
    );
    expect(runWithFakeServer(backup.check, ['localhost'], local, granted)).toMatchObject({ code: 0, stdout: '' });
  });
});
