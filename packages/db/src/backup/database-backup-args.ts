import type * as pulumi from '@pulumi/pulumi';
import { isAbsolutePath, isPort } from '@hastack/host';
import type { Host } from '@hastack/host';
import type { DatabaseRole } from '../replicated-database/replicated-database-args';
import { isPlainIdentifier } from '../sql/sql-values';

export const DEFAULT_BACKUP_DIRECTORY = '/var/backups/hastack-db';

/** When and where backups run and are kept, and where their restore is checked. */
export interface BackupSchedule {
  /** Folder with one sub-folder per run ("/var/backups/hastack-db"). */
  directory?: string;
  /** Successful runs kept (7); older ones are deleted only after a run succeeded. At least 1. */
  retention?: number;
  /** When a backup runs, as a systemd calendar expression ("*-*-* 03:15:00", daily). */
  onCalendar?: string;
  /** When the newest backup is restored into a scratch instance and compared ("*-*-* 04:30:00"). */
  restoreCheckOnCalendar?: string;
  /** Port of that scratch instance, on 127.0.0.1 only (3307). */
  restoreCheckPort?: number;
}

export interface DatabaseBackupArgs extends BackupSchedule {
  /** The member that takes the backups; MariaDB runs there already. */
  host: Host;
  /** Its role, which decides how the data is held still during the copy. */
  role: DatabaseRole;
  /** The backup account (local socket only), which the database creates; it may read `database` only. */
  user: string;
  /** The application's database: the checksums that prove a restore cover its tables. */
  database: string;
  /** Its password; it reaches the host in a 0600 file only. */
  password: pulumi.Input<string>;
}

/** Every default of a schedule, resolved here only: the database's folders and the backup's jobs read it. */
export function backupSchedule(schedule: BackupSchedule): Required<BackupSchedule> {
  return {
    directory: schedule.directory ?? DEFAULT_BACKUP_DIRECTORY,
    retention: schedule.retention ?? 7,
    onCalendar: schedule.onCalendar ?? '*-*-* 03:15:00',
    restoreCheckOnCalendar: schedule.restoreCheckOnCalendar ?? '*-*-* 04:30:00',
    restoreCheckPort: schedule.restoreCheckPort ?? 3307,
  };
}

function isOneLine(value: string): boolean {
  return value.trim() !== '' && !/[\n\r]/.test(value);
}

/** Every problem with a schedule, each naming its field; a caller that nests it puts its own path in front. */
export function validateBackupSchedule(schedule: BackupSchedule): string[] {
  const problems: string[] = [];
  const { directory, retention, onCalendar, restoreCheckOnCalendar, restoreCheckPort } = backupSchedule(schedule);
  if (!Number.isInteger(retention) || retention < 1) problems.push(`retention: ${retention} is below 1; at least the newest backup is kept`);
  if (!isOneLine(onCalendar)) problems.push('onCalendar: must be one non-empty line (a systemd calendar expression)');
  if (!isOneLine(restoreCheckOnCalendar)) problems.push('restoreCheckOnCalendar: must be one non-empty line (a systemd calendar expression)');
  if (!isAbsolutePath(directory) || directory === '/') problems.push(`directory: "${directory}" must be an absolute path of letters, digits and ._-/`);
  if (!isPort(restoreCheckPort)) problems.push(`restoreCheckPort: ${restoreCheckPort} is outside 1..65535`);
  return problems;
}

/** Every problem with a backup's args, each naming its field: its schedule's, and the database it checks. */
export function validateDatabaseBackupArgs(args: DatabaseBackupArgs): string[] {
  const problems = validateBackupSchedule(args);
  if (!isPlainIdentifier(args.database)) problems.push(`database: "${args.database}" is not a plain identifier`);
  return problems;
}
