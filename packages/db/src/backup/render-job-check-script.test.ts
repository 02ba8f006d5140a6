import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderJobCheckScript } from './render-job-check-script';

function check(status: string | undefined, maxAgeHours = 26) {
  const dir = mkdtempSync(join(tmpdir(), 'job-check-'));
  writeFileSync(join(dir, 'check'), renderJobCheckScript(), { mode: 0o755 });
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
    expect(check(undefined)).toEqual({ code: 2, text: expect.stringContaining('CRITICAL: no run recorded yet') });
  });
});
