import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDatabaseStep } from './render-database-step';

/** Runs a step's command with a stand-in `mariadb` that records the SQL it gets and answers COUNT(*) with $COUNT. */
function run(command: string, count: string): { code: number; sql: string } {
  const bin = mkdtempSync(join(tmpdir(), 'fake-mariadb-'));
  writeFileSync(join(bin, 'mariadb'), `#!/bin/bash\nprintf '%s\\n' "\${@: -1}" >> ${bin}/sql\necho "$COUNT"\n`);
  chmodSync(join(bin, 'mariadb'), 0o755);
  const result = spawnSync('bash', ['-c', command], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, COUNT: count }, encoding: 'utf8' });
  return { code: result.status ?? -1, sql: readFileSync(join(bin, 'sql'), 'utf8') };
}

describe('renderDatabaseStep', () => {
  it('is done exactly when the schema exists', () => {
    const { check } = renderDatabaseStep('shop');
    expect(run(check, '1')).toEqual({ code: 0, sql: "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'shop'\n" });
    expect(run(check, '0').code).not.toBe(0);
  });

  it('creates it in utf8mb4 if it is missing, the name quoted as an identifier', () => {
    expect(run(renderDatabaseStep('shop').run, '').sql).toBe('CREATE DATABASE IF NOT EXISTS `shop` CHARACTER SET utf8mb4\n');
    expect(run(renderDatabaseStep("it's").check, '1').sql).toContain("SCHEMA_NAME = 'it''s'");
  });
});
