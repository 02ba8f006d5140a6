import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeServerBin, runJob } from './fake-server.testing';
import { BackupJob, renderBackupScript } from './render-backup-script';

function setup(overrides: Partial<BackupJob> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'backup-job-'));
  const job: BackupJob = {
    directory: join(root, 'backups'),
    retention: 2,
    credentialsFile: join(root, 'backup.cnf'),
    statusFile: join(root, 'state/backup-status.json'),
    role: 'replica',
    database: 'shop',
    ...overrides,
  };
  return { job, bin: fakeServerBin(), status: () => JSON.parse(readFileSync(job.statusFile, 'utf8')) };
}

const runs = (directory: string) => readdirSync(directory).sort();

describe('renderBackupScript', () => {
  it('writes one folder per run with the stream, the checksums, the GTID and their SHA256SUMS, and reports it', () => {
    const { job, bin, status } = setup();
    const result = runJob(renderBackupScript(job), bin);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [run] = runs(job.directory);
    expect(run).toMatch(/^\d{8}T\d{6}Z$/);
    expect(readdirSync(join(job.directory, run)).sort()).toEqual(['SHA256SUMS', 'backup.xbstream.gz', 'checksums.tsv', 'gtid']);
    expect(readFileSync(join(job.directory, run, 'checksums.tsv'), 'utf8')).toBe('shop.orders\t1234\nshop.items\t7\n');
    expect(readFileSync(join(job.directory, run, 'gtid'), 'utf8')).toBe('0-3323068447-42\n');
    expect(status()).toMatchObject({ result: 'ok', gtid: '0-3323068447-42', folder: join(job.directory, run), message: '2 tables at GTID 0-3323068447-42' });
    expect(status().sizeBytes).toBeGreaterThan(0);
    expect(typeof status().durationSeconds).toBe('number');
    expect(status().time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('pauses replication on a replica while it copies, and resumes it', () => {
    const { job, bin } = setup();
    runJob(renderBackupScript(job), bin);
    const calls = readFileSync(join(bin, 'argv'), 'utf8');
    const [stop, copy, start] = ['STOP SLAVE SQL_THREAD', 'mariabackup --defaults-extra-file', 'START SLAVE SQL_THREAD'].map((s) => calls.indexOf(s));
    expect(stop).toBeGreaterThan(0);
    expect(copy).toBeGreaterThan(stop);
    expect(start).toBeGreaterThan(copy);
    expect(calls.indexOf('gtid_slave_pos')).toBeGreaterThan(stop);
  });

  it('keeps the newest runs up to the retention, deleting older ones only after a success', () => {
    const { job, bin, status } = setup();
    for (const old of ['20200101T000000Z', '20200102T000000Z', '20200103T000000Z']) mkdirSync(join(job.directory, old), { recursive: true });
    const failed = runJob(renderBackupScript(job), bin, { BACKUP_EXIT: '3' });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('backup failed: mariabackup exited 3: copying');
    expect(status()).toMatchObject({ result: 'failed', message: 'backup failed: mariabackup exited 3: copying' });
    expect(runs(job.directory)).toEqual(['20200101T000000Z', '20200102T000000Z', '20200103T000000Z']);
    expect(runJob(renderBackupScript(job), bin).code).toBe(0);
    expect(runs(job.directory)).toEqual(['20200103T000000Z', expect.stringMatching(/^2\d{7}T\d{6}Z$/)]);
  });

  it('fails when any command of the copy pipe fails, resuming replication all the same', () => {
    const { job, bin, status } = setup();
    const script = renderBackupScript(job).replace('gzip -c >', 'false >');
    const result = runJob(script, bin);
    // mariabackup may die of the broken pipe first: every failing command of the pipe is named.
    expect(result.stderr).toMatch(/backup failed: (mariabackup exited 141: ; )?gzip exited 1$/m);
    expect(status().result).toBe('failed');
    expect(readFileSync(join(bin, 'argv'), 'utf8')).toContain('START SLAVE SQL_THREAD');
    expect(runs(job.directory)).toEqual([]);
  });

  it('names the failing command when another step fails', () => {
    const { job, bin } = setup();
    const result = runJob(renderBackupScript(job).replace('sha256sum backup', 'sha256sum missing-file backup'), bin);
    expect(result.stderr).toMatch(/backup failed: line \d+: .*sha256sum missing-file.* exited 1/);
  });

  it('holds a global read lock on a primary for the copy, in a session of its own', () => {
    const { job, bin } = setup({ role: 'primary' });
    // The stand-in answers the lock request like the server: "locked" once the lock is held.
    const script = renderBackupScript(job).replace(
      'coproc LOCKER { sql --unbuffered; }',
      'coproc LOCKER { while read -r s; do [[ $s == SELECT* ]] && echo locked; done; }',
    );
    const result = runJob(script, bin);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(bin, 'argv'), 'utf8')).toContain('gtid_binlog_pos');
  });

  it("records the checksums of the application's database only, the one the backup account may read", () => {
    const { job, bin } = setup();
    runJob(renderBackupScript(job), bin);
    expect(readFileSync(join(bin, 'argv'), 'utf8')).toContain("WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = 'shop' ORDER BY");
  });

  it('refuses a retention below 1, and a database it could not name in SQL', () => {
    expect(() => renderBackupScript({ ...setup().job, retention: 0 })).toThrow('retention 0 is below 1');
    expect(() => renderBackupScript({ ...setup().job, database: "shop' OR '1" })).toThrow(`database "shop' OR '1" is not a plain identifier`);
  });
});
