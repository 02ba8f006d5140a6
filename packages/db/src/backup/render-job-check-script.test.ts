import { spawnSync } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderJobCheckScript } from './render-job-check-script';

function check(status: string | undefined, maxAgeHours = 26, installedHoursAgo = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'job-check-'));
  writeFileSync(join(dir, 'check'), renderJobCheckScript(), { mode: 0o755 });
  const installed = new Date(Date.now() - installedHoursAgo * 3600 * 1000);
  utimesSync(join(dir, 'check'), installed, installed);
  if (status !== undefined) writeFileSync(join(dir, 'status.json'), status);
  const result = spawnSync(join(dir, 'check'), [join(dir, 'status.json'), String(maxAgeHours)], { encoding: 'utf8' });
  return { code: result.status, text: result.stdout.trim() };
}

const status = (result: string, time: Date, message: string) =>
  `{\n  "time": "${time.toISOString().replace(/\.\d+Z$/, 'Z')}",\n  "result": "${result}",\n  "durationSeconds": 7,\n  "message": "${message}"\n}\n`;

describe('renderJobCheckScript', () => {
  it('is OK for a recent successful run, with its message', () => {
    expect(check(status('ok', new Date(), '3 tables at GTID 0-1-9'))).toEqual({ code: 0, text: expect.stringMatching(/^OK: .*Z, 3 tables at GTID 0-1-9$/) });
  });

  it('is CRITICAL for a failed run, a stale one, or none', () => {
    expect(check(status('failed', new Date(), 'backup failed: mariabackup exited 1'))).toEqual({
      code: 2,
      text: expect.stringContaining('failed: backup failed: mariabackup exited 1'),
    });
    expect(check(status('ok', new Date(Date.now() - 30 * 3600 * 1000), 'x')).text).toMatch(/^CRITICAL: last successful run is 30 h old/);
    expect(check(undefined, 26, 27)).toEqual({ code: 2, text: expect.stringContaining('CRITICAL: no run yet in the 27 h since the job was installed') });
  });

  it('is OK without a run while the job is younger than the allowed age', () => {
    expect(check(undefined, 26, 2)).toEqual({ code: 0, text: 'OK: no run yet, the job was installed 2 h ago (first run due within 26 h)' });
  });

  it('counts a run that waited for a backup like no run: OK while the job is young, CRITICAL after the allowed age', () => {
    const waited = status('waiting', new Date(), 'no backup in /var/backups/hastack-db to restore yet');
    expect(check(waited, 50, 3)).toEqual({
      code: 0,
      text: 'OK: no backup in /var/backups/hastack-db to restore yet, the job was installed 3 h ago (first run due within 50 h)',
    });
    expect(check(waited, 50, 51)).toEqual({
      code: 2,
      text: expect.stringContaining('CRITICAL: no backup in /var/backups/hastack-db to restore yet in the 51 h since the job was installed'),
    });
  });
});
