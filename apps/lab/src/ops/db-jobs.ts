import { BACKUP_STATUS_FILE, RESTORE_CHECK_STATUS_FILE, runDatabaseJob, type DatabaseJobStatus } from '@hastack/db';
import type { OpsLog } from '@hastack/host';
import type { Inventory } from '@hastack/inventory';
import { selectLabStack } from '../deploy/lab-stack';
import type { LabOutputs } from '../program';
import { labOpsShell } from './ops-shell';

export type DatabaseJob = 'backup' | 'restore-check';

/** A backup or a restore check can take long on a big database; the job's own lock waits up to an hour. */
const JOB_TIMEOUT_MS = 2 * 3600_000;

/** `ops db:backup` / `ops db:restore-check`: the job runs now on the member the stack `stack` takes its backups on. */
export async function runLabDatabaseJob(inventory: Inventory, job: DatabaseJob, stack: string, log: OpsLog): Promise<DatabaseJobStatus> {
  const outputs = await (await selectLabStack(inventory, {}, stack)).outputs();
  const database = outputs.database?.value as LabOutputs['database'];
  if (!database) throw new Error(`the stack "${stack}" has no database tier`);
  const member = inventory.hosts.find((host) => host.name === database.backupHost);
  if (!member) throw new Error(`the backup member ${database.backupHost} of the stack "${stack}" is not in the lab's inventory`);
  return runDatabaseJob({
    shell: labOpsShell(member, JOB_TIMEOUT_MS),
    unit: job === 'backup' ? database.backupUnit : database.restoreCheckUnit,
    statusFile: job === 'backup' ? BACKUP_STATUS_FILE : RESTORE_CHECK_STATUS_FILE,
    log,
  });
}

/** The line the operator reads: what the run recorded. */
export function describeDatabaseJob(job: DatabaseJob, status: DatabaseJobStatus): string {
  if (job === 'backup') {
    const size = Number(status.sizeBytes) / 1024 / 1024;
    return `backup ${String(status.folder)}: ${size.toFixed(1)} MiB in ${status.durationSeconds} s, at GTID ${String(status.gtid)}`;
  }
  return `restore check of ${String(status.backup)} in ${status.durationSeconds} s: ${status.message}`;
}
