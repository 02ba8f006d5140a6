import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, ConfigFile, Packages, ScheduledJob } from '@hastack/host';
import { backupSchedule, DatabaseBackupArgs, validateDatabaseBackupArgs } from './database-backup-args';
import { STATE_DIR } from './job-shell';
import { renderBackupScript } from './render-backup-script';
import { renderJobCheckScript } from './render-job-check-script';
import { renderRestoreCheckScript } from './render-restore-check-script';

/** The monitoring plugin that reads a job's status file: `<it> STATUS_FILE MAX_AGE_HOURS`. */
export const JOB_CHECK_SCRIPT = '/usr/local/lib/hastack-db/check-db-job';
export const BACKUP_STATUS_FILE = `${STATE_DIR}/backup-status.json`;
export const RESTORE_CHECK_STATUS_FILE = `${STATE_DIR}/restore-check-status.json`;
/** The backup account's option file on the member that takes the backups (root's only). */
export const BACKUP_CREDENTIALS_FILE = `${STATE_DIR}/backup.cnf`;

/**
 * Scheduled full backups of one member, with their retention, and a scheduled restore check that
 * proves the newest one restores into the data it was taken from; both report to status files that
 * the monitoring plugin JOB_CHECK_SCRIPT reads. Run either now with `systemctl start <unit>`.
 */
export class DatabaseBackup extends pulumi.ComponentResource {
  /** The service that takes one backup. */
  public readonly backupUnit: string;
  /** The service that runs one restore check. */
  public readonly restoreCheckUnit: string;
  public readonly directory: string;

  constructor(name: string, args: DatabaseBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('DatabaseBackup', name, validateDatabaseBackupArgs(args));
    super('hastack:db:DatabaseBackup', name, {}, opts);
    const { host } = args;
    const schedule = backupSchedule(args);
    this.directory = schedule.directory;
    const packages = new Packages(`${name}-packages`, { host, roles: ['databaseBackup'] }, { parent: this });
    const credentials = new ConfigFile(
      `${name}-credentials`,
      {
        host,
        path: BACKUP_CREDENTIALS_FILE,
        // mariabackup reads its own group, the clients [client].
        content: pulumi.secret(
          pulumi
            .output(args.password)
            .apply((password) => ['[client]', '[mariabackup]'].map((group) => `${group}\nuser=${args.user}\npassword=${password}\n`).join('')),
        ),
        mode: '0600',
      },
      { parent: this },
    );
    const checkScript = new ConfigFile(
      `${name}-check-script`,
      { host, path: JOB_CHECK_SCRIPT, content: renderJobCheckScript(), mode: '0755', validate: 'bash -n "$CONFIG_FILE"' },
      { parent: this },
    );
    const backup = new ScheduledJob(
      `${name}-backup`,
      {
        host,
        description: `Full backup of the MariaDB ${args.role} ${host.name}`,
        script: renderBackupScript({
          directory: this.directory,
          retention: schedule.retention,
          credentialsFile: BACKUP_CREDENTIALS_FILE,
          statusFile: BACKUP_STATUS_FILE,
          role: args.role,
          database: args.database,
        }),
        onCalendar: schedule.onCalendar,
      },
      { parent: this, dependsOn: [packages, credentials] },
    );
    const restoreCheck = new ScheduledJob(
      `${name}-restore-check`,
      {
        host,
        description: `Restore check of the newest backup of ${host.name}`,
        script: renderRestoreCheckScript({
          directory: this.directory,
          statusFile: RESTORE_CHECK_STATUS_FILE,
          port: schedule.restoreCheckPort,
          serverBinary: host.profile.paths.databaseServerBinary,
          serverUser: 'mysql',
          database: args.database,
        }),
        onCalendar: schedule.restoreCheckOnCalendar,
      },
      { parent: this, dependsOn: [packages, checkScript] },
    );
    this.backupUnit = backup.serviceUnit;
    this.restoreCheckUnit = restoreCheck.serviceUnit;
    this.registerOutputs({ backupUnit: this.backupUnit, restoreCheckUnit: this.restoreCheckUnit, directory: this.directory });
  }
}
