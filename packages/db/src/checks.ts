import * as pulumi from '@pulumi/pulumi';
import { CheckRunners, shellQuote } from '@hastack/host';
import type { Host, TierCheck } from '@hastack/host';
import { BACKUP_STATUS_FILE, JOB_CHECK_SCRIPT, RESTORE_CHECK_STATUS_FILE } from './backup/database-backup';
import type { DatabaseMemberArgs } from './replicated-database/replicated-database-args';

export { CheckRunners, type CheckRunner, type TierCheck } from '@hastack/host';

/**
 * Option file ([client] user and password of the tier's monitoring user) that checks run on the
 * monitoring server read; the monitoring tier writes it from `ReplicatedDatabase.monitoringUser` and
 * `monitoringPassword`, readable by its agent only.
 */
export const MONITORING_CLIENT_CONFIG = '/etc/hastack/db-monitoring.cnf';

/**
 * Whether the member's side of semi-synchronous replication is on: a primary that fell back to
 * asynchronous replication (no replica acknowledged in time) is a WARNING, as is a replica not acknowledging.
 */
function semiSyncCheck(side: 'MASTER' | 'SLAVE'): string {
  const query = `SELECT IF(VARIABLE_VALUE = 'ON', 1, 0) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'RPL_SEMI_SYNC_${side}_STATUS'`;
  return `check_mysql_query -q ${shellQuote(query)} -w 1:`;
}

/**
 * Per member: the server process, a login by the monitoring user, semi-sync, and on a replica both
 * replication threads and its lag (a stopped server explains the others); on the backup member, the age of the
 * last good backup and restore check.
 */
export function databaseChecks(members: readonly DatabaseMemberArgs[], port: number, backupHost: Host): TierCheck[] {
  return [
    ...members.flatMap((member): TierCheck[] => [
      {
        host: member.host.name,
        name: 'mariadb-process',
        command: `${member.host.profile.paths.monitoringPluginDir}/check_procs -c 1: -C mariadbd`,
        runsOn: CheckRunners.host,
      },
      {
        host: member.host.name,
        name: 'mariadb-login',
        command: pulumi.interpolate`check_mysql -H ${member.host.dataAddress} -P ${port} -f ${MONITORING_CLIENT_CONFIG}`,
        runsOn: CheckRunners.monitoringServer,
        dependsOn: [{ host: member.host.name, name: 'mariadb-process' }],
      },
      {
        host: member.host.name,
        name: 'mariadb-semisync',
        command: pulumi.interpolate`${semiSyncCheck(member.role === 'primary' ? 'MASTER' : 'SLAVE')} -H ${member.host.dataAddress} -P ${port} -f ${
          MONITORING_CLIENT_CONFIG
        }`,
        runsOn: CheckRunners.monitoringServer,
        dependsOn: [{ host: member.host.name, name: 'mariadb-process' }],
      },
      ...(member.role === 'replica'
        ? [
            {
              host: member.host.name,
              name: 'mariadb-replication',
              // -S: both replication threads run; warning and critical on seconds behind the primary.
              command: pulumi.interpolate`check_mysql -H ${member.host.dataAddress} -P ${port} -f ${MONITORING_CLIENT_CONFIG} -S -w 10 -c 60`,
              runsOn: CheckRunners.monitoringServer,
              dependsOn: [{ host: member.host.name, name: 'mariadb-process' }],
            },
          ]
        : []),
    ]),
    { host: backupHost.name, name: 'mariadb-backup', command: `${JOB_CHECK_SCRIPT} ${BACKUP_STATUS_FILE} 26`, runsOn: CheckRunners.host },
    { host: backupHost.name, name: 'mariadb-restore-check', command: `${JOB_CHECK_SCRIPT} ${RESTORE_CHECK_STATUS_FILE} 50`, runsOn: CheckRunners.host },
  ];
}
