import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpsShell } from '@hastack/host';
import { runDatabaseJob } from './run-database-job';

/** A shell whose `systemctl start` runs `job` (a stand-in for the unit's script) with the status file's path. */
function stubHost(job: string): { shell: OpsShell; statusFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'db-job-'));
  const statusFile = join(dir, 'status.json');
  writeFileSync(join(dir, 'systemctl'), `#!/bin/bash\n[ "$1" = start ] || exit 2\nstatus_file=${statusFile}\n${job}\n`);
  chmodSync(join(dir, 'systemctl'), 0o755);
  const shell: OpsShell = {
    name: 'db2',
    async run(script) {
      const result = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      });
      if (result.status !== 0) throw new Error(`db2 (198.18.0.32): exited ${result.status}: ${result.stderr.trim()}`);
      return result.stdout;
    },
  };
  return { shell, statusFile };
}

const status = (result: string, message: string) =>
  `printf '{\\n  "time": "2026-12-07T14:00:00Z",\\n  "result": "${result}",\\n  "durationSeconds": 3,\\n  "folder": "/var/backups/hastack-db/x",\\n  "message": "${message}"\\n}\\n' > "$status_file"`;

describe('runDatabaseJob', () => {
  it("gives systemd's message when the run wrote no status (no such unit), not an older run's", async () => {
    const { shell, statusFile } = stubHost('echo "Failed to start u.service: Unit u.service not found." >&2; exit 5');
    writeFileSync(statusFile, '{\n  "result": "failed",\n  "message": "an older failure"\n}\n');
    await expect(runDatabaseJob({ shell, unit: 'u.service', statusFile, log: () => undefined })).rejects.toThrow(
      'db2 (198.18.0.32): exited 1: Failed to start u.service: Unit u.service not found.',
    );
  });

  it('returns what the run recorded', async () => {
    const { shell, statusFile } = stubHost(status('ok', 'backup taken'));
    const lines: string[] = [];
    const result = await runDatabaseJob({ shell, unit: 'hastack-lab-db-backup.service', statusFile, log: (line) => lines.push(line) });
    expect(result).toMatchObject({ result: 'ok', durationSeconds: 3, folder: '/var/backups/hastack-db/x', message: 'backup taken' });
    expect(lines).toEqual(['db2: running hastack-lab-db-backup.service and waiting for it']);
  });

  it("rejects with the host and the job's own message when the run failed", async () => {
    const { shell, statusFile } = stubHost(`echo "Job for u.service failed." >&2\n${status('failed', 'restore check failed: backup x is corrupt')}\nexit 1`);
    await expect(runDatabaseJob({ shell, unit: 'u.service', statusFile, log: () => undefined })).rejects.toThrow(
      'db2 (198.18.0.32): exited 1: restore check failed: backup x is corrupt',
    );
  });
});
