export { BACKUP_CREDENTIALS_FILE, BACKUP_STATUS_FILE, DatabaseBackup, JOB_CHECK_SCRIPT, RESTORE_CHECK_STATUS_FILE } from './database-backup';
export { DEFAULT_BACKUP_DIRECTORY, validateBackupSchedule, validateDatabaseBackupArgs } from './database-backup-args';
export type { BackupSchedule, DatabaseBackupArgs } from './database-backup-args';
export { STATE_DIR } from './job-shell';
export { renderBackupScript, RUN_FOLDER_GLOB } from './render-backup-script';
export type { BackupJob } from './render-backup-script';
export { renderJobCheckScript } from './render-job-check-script';
export { renderRestoreCheckScript } from './render-restore-check-script';
export type { RestoreCheck } from './render-restore-check-script';
