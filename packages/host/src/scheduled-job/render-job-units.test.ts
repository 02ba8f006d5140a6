import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderJobScript, renderJobUnits } from './render-job-units';

const options = {
  description: 'Full database backup',
  scriptPath: '/usr/local/lib/hastack/backup.sh',
  onCalendar: '*-*-* 03:15:00',
  randomizedDelaySeconds: 600,
  user: 'root',
};

describe('renderJobUnits', () => {
  const units = renderJobUnits(options);

  it('runs the script once per start, as the given user', () => {
    expect(units.service).toContain('Type=oneshot');
    expect(units.service).toContain('ExecStart=/usr/local/lib/hastack/backup.sh');
    expect(units.service).toContain('User=root');
  });

  it('schedules it, catching up a run missed while the host was down', () => {
    expect(units.timer).toContain('OnCalendar=*-*-* 03:15:00');
    expect(units.timer).toContain('Persistent=true');
    expect(units.timer).toContain('RandomizedDelaySec=600');
    expect(units.timer).toContain('WantedBy=timers.target');
  });

  it('refuses a value that would add a directive', () => {
    expect(() => renderJobUnits({ ...options, onCalendar: 'daily\nExecStartPre=/bin/evil' })).toThrow('onCalendar must be one non-empty line');
  });
});

describe('renderJobScript', () => {
  it('stops at the first failing command', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'job-')), 'job.sh');
    writeFileSync(path, renderJobScript('echo one\nfalse\necho two'));
    const result = (() => {
      try {
        return execFileSync('bash', [path], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        return `failed after: ${(error as { stdout: string }).stdout}`;
      }
    })();
    expect(result).toBe('failed after: one\n');
  });
});
