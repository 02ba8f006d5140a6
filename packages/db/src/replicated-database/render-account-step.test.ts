import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
): { code: number; stderr: string; stdout: string; argv: string; stdin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'account-step-'));
  const fake = join(dir, 'mariadb');
  writeFileSync(
    fake,
    [
      '#!/bin/bash',
      `printf '%s\\n' "$*" >> ${dir}/argv`,
      'if [[ "$*" == *"SELECT Host FROM mysql.user"* ]]; then printf "%s" "$FAKE_HOSTS"; exit 0; fi',
      `cat >> ${dir}/stdin`,
    ].join('\n'),
  );
  chmodSync(fake, 0o755);
  writeFileSync(join(dir, 'input'), input, { mode: 0o600 });
  const result = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, STEP_INPUT: join(dir, 'input'), FAKE_HOSTS: hosts.map((h) => `${h}\n`).join('') },
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
