import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fakeServerBin, runJob } from './fake-server.testing';
import { renderBackupScript } from './render-backup-script';
import { renderRestoreCheckScript, RestoreCheck } from './render-restore-check-script';

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'restore-check-'));
  const bin = fakeServerBin();
  const directory = join(root, 'backups');
  const check: RestoreCheck = {
    directory,
    statusFile: join(root, 'state/restore-check-status.json'),
    port: 3307,
    serverBinary: join(bin, 'mariadbd'),
    serverUser: userInfo().username,
    scratchParent: join(root, 'state'),
    database: 'shop',
  };
  const backup = () =>
    runJob(
      renderBackupScript({
        directory,
        retention: 3,
        credentialsFile: join(root, 'backup.cnf'),
        statusFile: join(root, 'state/backup-status.json'),
        role: 'replica',
        database: 'shop',
      }),
      bin,
    );
  const status = () => JSON.parse(readFileSync(check.statusFile, 'utf8'));
  return { root, bin, check, backup, status };
}

describe('renderRestoreCheckScript', () => {
  it('restores the newest backup into a scratch server on its own port and finds every table equal', () => {
    const { bin, check, backup, status } = setup();
    expect(backup().code).toBe(0);
    const result = runJob(renderRestoreCheckScript(check), bin);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/restore check passed: 2 tables of \d{8}T\d{6}Z equal to the source at GTID 0-3323068447-42/);
    expect(status()).toMatchObject({ result: 'ok', tables: 2, gtid: '0-3323068447-42' });
    const calls = readFileSync(join(bin, 'argv'), 'utf8');
    expect(calls).toContain('mariabackup --prepare --target-dir=');
    expect(calls).toMatch(/mariadbd --no-defaults --user=\S+ --datadir=\S+\/data --socket=.* --port=3307 --bind-address=127\.0\.0\.1 --skip-slave-start/);
    // The same tables as the backup recorded: the application's database, which the backup account reads.
    expect(calls).toMatch(/mariadb --socket=\S+ -N -B -e SELECT CONCAT\('CHECKSUM TABLE .* AND TABLE_SCHEMA = 'shop' ORDER BY/);
  });

  it('cleans its scratch folder and stops its server', () => {
    const { root, bin, check, backup } = setup();
    backup();
    runJob(renderRestoreCheckScript(check), bin);
    expect(readdirSync(join(root, 'state')).filter((name) => name.startsWith('restore-check.'))).toEqual([]);
  });

  it('fails, naming the table, when the restored data differs from the source at backup time', () => {
    const { bin, check, backup, status } = setup();
    backup();
    const result = runJob(renderRestoreCheckScript(check), bin, { RESTORED_CHECKSUM: '999' });
    expect(result.code).not.toBe(0);
    expect(status().result).toBe('failed');
    expect(status().message).toMatch(/differs from the source at GTID 0-3323068447-42: shop\.orders has checksum 999, the source had 1234$/);
  });

  it('fails with a clear message on a corrupted backup file, before restoring anything', () => {
    const { root, bin, check, backup, status } = setup();
    backup();
    const [run] = readdirSync(join(root, 'backups'));
    appendFileSync(join(root, 'backups', run, 'backup.xbstream.gz'), 'garbage');
    const result = runJob(renderRestoreCheckScript(check), bin);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `restore check failed: backup ${join(root, 'backups', run)} is corrupt, its files do not match SHA256SUMS: backup.xbstream.gz: FAILED`,
    );
    expect(status()).toMatchObject({ result: 'failed', backup: join(root, 'backups', run) });
    expect(readFileSync(join(bin, 'argv'), 'utf8')).not.toContain('--prepare');
  });

  it('waits, without failing, while there is no backup yet', () => {
    const { bin, check, status } = setup();
    const result = runJob(renderRestoreCheckScript(check), bin);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`restore check waiting: no backup in ${check.directory} to restore yet`);
    expect(status()).toMatchObject({ result: 'waiting', message: `no backup in ${check.directory} to restore yet` });
  });

  it('checks unpacking pipe by pipe', () => {
    const { bin, check, backup } = setup();
    backup();
    writeFileSync(join(bin, 'mbstream'), '#!/bin/bash\ncat >/dev/null; exit 4\n');
    expect(runJob(renderRestoreCheckScript(check), bin).stderr).toContain('mbstream could not unpack');
  });
});
