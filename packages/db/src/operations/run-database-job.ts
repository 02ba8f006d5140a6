import { shellQuote, type OpsLog, type OpsShell } from '@hastack/host';

/** What a backup or a restore check records in its status file (`BACKUP_STATUS_FILE`, `RESTORE_CHECK_STATUS_FILE`). */
export interface DatabaseJobStatus {
  readonly time: string;
  readonly result: 'ok' | 'failed';
  readonly durationSeconds: number;
  readonly message: string;
  /** The job's own fields: the backup's `folder`, `sizeBytes` and `gtid`, the restore check's `tables`... */
  readonly [field: string]: unknown;
}

export interface RunDatabaseJobArgs {
  /** The member that takes the backups (`ReplicatedDatabase.backupHost`). */
  readonly shell: OpsShell;
  /** `DatabaseBackup.backupUnit` or `DatabaseBackup.restoreCheckUnit`. */
  readonly unit: string;
  /** Where that job records its result: `BACKUP_STATUS_FILE` or `RESTORE_CHECK_STATUS_FILE`. */
  readonly statusFile: string;
  readonly log: OpsLog;
}

/**
 * Starts the job's unit and waits for it (a oneshot: `systemctl start` returns when the run ends, and joins a
 * run its timer already started), then prints the status file the run wrote. A failed run prints the job's
 * own message, or systemd's when the run wrote no status (the unit is missing), and exits non-zero.
 */
export function runDatabaseJobScript(unit: string, statusFile: string): string {
  const status = shellQuote(statusFile);
  return [
    // A run replaces the status file (a new inode); timestamps could tie within one clock tick.
    `before="$(stat -c %i ${status} 2>/dev/null || true)"`,
    `if ! report="$(systemctl start ${shellQuote(unit)} 2>&1)"; then`,
    `  if [ "$(stat -c %i ${status} 2>/dev/null || true)" != "$before" ]; then sed -n 's/^  "message": "\\(.*\\)"$/\\1/p' ${status} >&2; else printf '%s\\n' "$report" >&2; fi`,
    '  exit 1',
    'fi',
    `cat ${status}`,
  ].join('\n');
}

/**
 * Runs one of a DatabaseBackup's jobs now, the same unit its timer runs (same lock, same status file, same
 * monitoring), and returns what the run recorded: "backup now" before an upgrade or a promotion, and the
 * restore check that proves it. A failed run rejects with the host and the job's message.
 */
export async function runDatabaseJob(args: RunDatabaseJobArgs): Promise<DatabaseJobStatus> {
  args.log(`${args.shell.name}: running ${args.unit} and waiting for it`);
  const status = JSON.parse(await args.shell.run(runDatabaseJobScript(args.unit, args.statusFile))) as DatabaseJobStatus;
  if (status.result !== 'ok') throw new Error(`${args.shell.name}: ${args.unit} recorded "${status.result}": ${status.message}`);
  return status;
}
