import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { bashScript, ConfigFile, firewallFor, Host, hostCommand, OneOffStep, Packages, Service, shellQuote } from '@hastack/host';
import { BACKUP_STATUS_FILE, DatabaseBackup, DEFAULT_BACKUP_DIRECTORY, JOB_CHECK_SCRIPT, RESTORE_CHECK_STATUS_FILE } from '../backup/database-backup';
import { STATE_DIR } from '../backup/job-shell';
import { CheckRunners, MONITORING_CLIENT_CONFIG, TierCheck } from '../checks';
import { serverIdFromAddress, sqlIdentifier, sqlString } from '../sql/sql-values';
import { accountStepInput, AccountSpec, renderAccountStep } from './render-account-step';
import { renderReplicaJoin, replicaJoinInput } from './render-replica-join';
import { renderDynamicSettingsSql, renderRestartSettings, renderServerConf, serverConfigTest, ServerConf } from './render-server-conf';
import { backupMember, DatabaseMemberArgs, ReplicatedDatabaseArgs, validateReplicatedDatabaseArgs } from './replicated-database-args';

/** The tier's own accounts; the application's is named by the args. */
export const TierUsers = {
  replication: 'hastack_repl',
  snapshot: 'hastack_snapshot',
  monitoring: 'hastack_monitor',
  backup: 'hastack_backup',
} as const;

/** What the application's user may do in its database, and nowhere else. */
export const APP_PRIVILEGES = [
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'ALTER', 'INDEX', 'DROP', 'REFERENCES',
  'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'EXECUTE',
];

const GLOBAL_PRIVILEGES = {
  replication: ['REPLICATION SLAVE'],
  // A consistent dump of every database (mariadb-dump --single-transaction --gtid needs no lock on 10.11).
  snapshot: ['SELECT', 'SHOW VIEW', 'TRIGGER', 'EVENT'],
  monitoring: ['BINLOG MONITOR', 'SLAVE MONITOR'],
  // mariabackup's own needs, and the per-table checksums; on a replica, pausing the applier.
  backup: ['BINLOG MONITOR', 'LOCK TABLES', 'PROCESS', 'RELOAD', 'SELECT'],
  backupOnReplica: ['REPLICATION SLAVE ADMIN'],
};

const OPTION_FILE = '90-hastack.cnf';
const SERVER_USER = 'mysql';

/** What the rest of the database waits for on one member: the server running with its settings. */
interface MemberState {
  member: DatabaseMemberArgs;
  prefix: string;
  ready: pulumi.Resource[];
}

/**
 * Whether the member's side of semi-synchronous replication is on: a primary that fell back to
 * asynchronous replication (no replica acknowledged in time) is a WARNING, as is a replica not acknowledging.
 */
function semiSyncCheck(side: 'MASTER' | 'SLAVE'): string {
  const query = `SELECT IF(VARIABLE_VALUE = 'ON', 1, 0) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'RPL_SEMI_SYNC_${side}_STATUS'`;
  return `check_mysql_query -q ${shellQuote(query)} -w 1:`;
}

/**
 * MariaDB from the distribution on a primary and its replicas: GTID replication (replicas join from a
 * consistent snapshot of the live primary and follow it with `master_use_gtid=slave_pos`), semi-sync
 * (AFTER_SYNC) with a bounded wait, read-only replicas, least-privilege accounts, and scheduled backups
 * with a restore check on one member. Destroy keeps the data folder and the backups unless `purgeData`.
 */
export class ReplicatedDatabase extends pulumi.ComponentResource {
  /** Where the application writes. */
  public readonly primaryAddress: pulumi.Output<string>;
  /** Where it may read (read-only), once each replica replicates. */
  public readonly replicaAddresses: pulumi.Output<string[]>;
  public readonly port: number;
  /** The application's database, once it exists. */
  public readonly database: pulumi.Output<string>;
  /** The application's user. */
  public readonly user: string;
  /** The application's password (secret). */
  public readonly password: pulumi.Output<string>;
  /** The status-only account the monitoring hosts use. */
  public readonly monitoringUser: string;
  public readonly monitoringPassword: pulumi.Output<string>;
  /** The member that takes the backups, and the services that run a backup or a restore check now. */
  public readonly backupHost: string;
  public readonly backupUnit: string;
  public readonly restoreCheckUnit: string;
  /** What the monitoring tier should check about the database. */
  public readonly checks: TierCheck[];

  constructor(name: string, args: ReplicatedDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = validateReplicatedDatabaseArgs(args);
    if (problems.length) throw new Error(`ReplicatedDatabase ${name}: invalid arguments:\n  - ${problems.join('\n  - ')}`);
    super('hastack:db:ReplicatedDatabase', name, {}, opts);
    this.port = args.port ?? 3306;
    this.user = args.user ?? 'app';
    this.monitoringUser = TierUsers.monitoring;
    const primary = args.members.find((m) => m.role === 'primary')!;
    const replicas = args.members.filter((m) => m.role === 'replica');
    const backupAt = backupMember(args)!;
    const password = (kind: string) => new random.RandomPassword(`${name}-${kind}-password`, { length: 32, special: false }, { parent: this }).result;
    const passwords = {
      app: password('app'),
      replication: password('replication'),
      snapshot: password('snapshot'),
      monitoring: password('monitoring'),
      backup: password('backup'),
    };
    const replicaAddresses = pulumi.all(replicas.map((m) => m.host.dataAddress));
    const serverIds = pulumi.all(args.members.map((m) => m.host.dataAddress)).apply((addresses) => {
      const ids = args.members.map((m, i) => m.serverId ?? serverIdFromAddress(addresses[i]));
      ids.forEach((id, i) => {
        const first = ids.indexOf(id);
        if (first !== i) throw new Error(`ReplicatedDatabase ${name}: ${args.members[i].host.name} and ${args.members[first].host.name} would share server_id ${id}; give one a serverId`);
      });
      return ids;
    });

    const clients = [...args.appClients, ...(args.monitoringClients ?? [])];
    const states = args.members.map((member, index) => {
      const peers = [...args.members.filter((other) => other !== member).map((other) => other.host.dataAddress), ...clients];
      return this.member(name, args, member, serverIds.apply((ids) => ids[index]), peers, replicas.length > 0);
    });
    const account = (state: MemberState, kind: string, spec: AccountSpec, secret: pulumi.Output<string>, hosts: pulumi.Input<string>[]) =>
      new OneOffStep(
        `${state.prefix}-account-${kind}`,
        { host: state.member.host, ...renderAccountStep(spec), stdin: pulumi.secret(pulumi.all([secret, pulumi.all(hosts)]).apply(([p, h]) => accountStepInput(p, h))) },
        { parent: this, dependsOn: state.ready },
      );

    const primaryState = states.find((s) => s.member === primary)!;
    const database = new OneOffStep(
      `${primaryState.prefix}-database`,
      {
        host: primary.host,
        check: `[ "$(mariadb --protocol=socket -N -B -e ${shellQuote(`SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${sqlString(args.database)}`)})" = 1 ]`,
        // In the binary log, so that every replica gets it too.
        run: `mariadb --protocol=socket -e ${shellQuote(`CREATE DATABASE IF NOT EXISTS ${sqlIdentifier(args.database)} CHARACTER SET utf8mb4`)}`,
      },
      { parent: this, dependsOn: primaryState.ready },
    );
    const primarySources = [
      account(primaryState, 'replication', { user: TierUsers.replication, global: GLOBAL_PRIVILEGES.replication }, passwords.replication, replicas.map((m) => m.host.dataAddress)),
      account(primaryState, 'snapshot', { user: TierUsers.snapshot, global: GLOBAL_PRIVILEGES.snapshot }, passwords.snapshot, replicas.map((m) => m.host.dataAddress)),
    ];
    const joined: pulumi.Resource[] = [];
    const accounts: pulumi.Resource[] = [database, ...primarySources];
    for (const state of states) {
      const { member } = state;
      accounts.push(
        account(state, 'app', { user: this.user, global: [], database: { name: args.database, privileges: APP_PRIVILEGES } }, passwords.app, args.appClients),
        account(state, 'monitoring', { user: TierUsers.monitoring, global: GLOBAL_PRIVILEGES.monitoring }, passwords.monitoring, args.monitoringClients ?? []),
      );
      if (member === backupAt) {
        const global = [...GLOBAL_PRIVILEGES.backup, ...(member.role === 'replica' ? GLOBAL_PRIVILEGES.backupOnReplica : [])];
        accounts.push(account(state, 'backup', { user: TierUsers.backup, global }, passwords.backup, ['localhost']));
      }
      if (member.role !== 'replica') continue;
      const join = renderReplicaJoin({
        port: this.port,
        replicationUser: TierUsers.replication,
        snapshotUser: TierUsers.snapshot,
        workDir: `${STATE_DIR}/join`,
        connectRetrySeconds: 2,
      });
      joined.push(
        new OneOffStep(
          `${state.prefix}-replication`,
          {
            host: member.host,
            ...join,
            stdin: pulumi.secret(pulumi.all([passwords.replication, passwords.snapshot, primary.host.dataAddress]).apply(([r, s, a]) => replicaJoinInput(r, s, a))),
          },
          { parent: this, dependsOn: [...state.ready, database, ...primarySources] },
        ),
      );
    }

    const backup = new DatabaseBackup(
      `${name}-${backupAt.host.name}`,
      {
        host: backupAt.host,
        role: backupAt.role,
        user: TierUsers.backup,
        password: passwords.backup,
        directory: args.backup?.directory,
        retention: args.backup?.retention,
        onCalendar: args.backup?.onCalendar,
        restoreCheckOnCalendar: args.backup?.restoreCheckOnCalendar,
        restoreCheckPort: args.backup?.restoreCheckPort,
      },
      { parent: this, dependsOn: [...accounts, ...joined] },
    );

    this.primaryAddress = pulumi.all([primary.host.dataAddress, ...accounts.map((a) => a.urn)]).apply(([address]) => address);
    this.replicaAddresses = pulumi.all(joined.map((j) => j.urn)).apply(() => replicaAddresses);
    this.database = database.urn.apply(() => args.database);
    this.password = passwords.app;
    this.monitoringPassword = passwords.monitoring;
    this.backupHost = backupAt.host.name;
    this.backupUnit = backup.backupUnit;
    this.restoreCheckUnit = backup.restoreCheckUnit;
    this.checks = this.tierChecks(args, backupAt.host);
    this.registerOutputs({
      primaryAddress: this.primaryAddress,
      replicaAddresses: this.replicaAddresses,
      port: this.port,
      database: this.database,
      user: this.user,
      password: this.password,
      monitoringUser: this.monitoringUser,
      monitoringPassword: this.monitoringPassword,
      backupHost: this.backupHost,
      backupUnit: this.backupUnit,
      restoreCheckUnit: this.restoreCheckUnit,
    });
  }

  /** One member: packages, its option file (checked by the server first), the running server and its live settings. */
  private member(
    name: string,
    args: ReplicatedDatabaseArgs,
    member: DatabaseMemberArgs,
    serverId: pulumi.Output<number>,
    peers: pulumi.Input<string>[],
    hasReplicas: boolean,
  ): MemberState {
    const { host } = member;
    const { paths, services } = host.profile;
    const prefix = `${name}-${host.name}`;
    // Nothing runs when it is created; on destroy it purges the data, once the server's package is gone.
    // The backups' folder on every member: one that took backups before another member did keeps them.
    const dataPaths = [paths.databaseDataDir, STATE_DIR, args.backup?.directory ?? DEFAULT_BACKUP_DIRECTORY];
    const data = hostCommand(
      `${prefix}-data`,
      host,
      { delete: args.purgeData ? bashScript([`rm -rf -- ${dataPaths.map(shellQuote).join(' ')}`]) : undefined },
      { parent: this },
    );
    const packages = new Packages(`${prefix}-packages`, { host, roles: ['databaseServer', 'mysqlClient'] }, { parent: this, dependsOn: data });
    const semiSyncWanted = args.semiSync?.enabled ?? true;
    const conf = pulumi.all([host.dataAddress, serverId]).apply(
      ([address, id]): ServerConf => ({
        role: member.role,
        serverId: id,
        bindAddress: address,
        port: args.port ?? 3306,
        reportHost: host.name,
        semiSync: semiSyncWanted && (member.role === 'replica' || hasReplicas),
        semiSyncTimeoutMs: args.semiSync?.timeoutMs ?? 5000,
        binlogRetentionDays: args.binlogRetentionDays ?? 7,
      }),
    );
    const optionFile = new ConfigFile(
      `${prefix}-server-conf`,
      { host, path: `${paths.databaseConfigDir}/${OPTION_FILE}`, content: conf.apply(renderServerConf), validate: serverConfigTest(paths.databaseServerBinary, SERVER_USER) },
      { parent: this, dependsOn: packages },
    );
    const service = new Service(
      `${prefix}-mariadb`,
      { host, unit: services.databaseServer, restartTriggers: [packages.installed, conf.apply(renderRestartSettings)] },
      { parent: this, dependsOn: optionFile },
    );
    // The option file holds these too; applying them live spares a restart when only they change.
    const settings = hostCommand(
      `${prefix}-settings`,
      host,
      {
        create: conf.apply((c) =>
          bashScript([
            `mariadb --protocol=socket -e ${shellQuote(renderDynamicSettingsSql(c))}`,
            // A replica reads its semi-sync setting when its I/O thread starts.
            "if [ -n \"$(mariadb --protocol=socket -N -e 'SHOW SLAVE STATUS')\" ]; then mariadb --protocol=socket -e 'STOP SLAVE IO_THREAD; START SLAVE IO_THREAD'; fi",
          ]),
        ),
      },
      { parent: this, dependsOn: service },
    );
    // Without any peer the port stays closed: an empty source list would open it to everyone.
    const firewall = peers.length
      ? firewallFor(`${prefix}-firewall`, { host, rules: [{ port: args.port ?? 3306, protocol: 'tcp', sources: peers, description: 'MariaDB: the other members, the application and monitoring hosts' }] }, { parent: this })
      : [];
    return { member, prefix, ready: [settings, ...firewall] };
  }

  private tierChecks(args: ReplicatedDatabaseArgs, backupHost: Host): TierCheck[] {
    const port = args.port ?? 3306;
    return [
      ...args.members.flatMap((member): TierCheck[] => [
        { host: member.host.name, name: 'mariadb-process', command: `${member.host.profile.paths.monitoringPluginDir}/check_procs -c 1: -C mariadbd`, runsOn: CheckRunners.host },
        {
          host: member.host.name,
          name: 'mariadb-login',
          command: pulumi.interpolate`check_mysql -H ${member.host.dataAddress} -P ${port} -f ${MONITORING_CLIENT_CONFIG}`,
          runsOn: CheckRunners.monitoringServer,
        },
        {
          host: member.host.name,
          name: 'mariadb-semisync',
          command: pulumi.interpolate`${semiSyncCheck(member.role === 'primary' ? 'MASTER' : 'SLAVE')} -H ${member.host.dataAddress} -P ${port} -f ${MONITORING_CLIENT_CONFIG}`,
          runsOn: CheckRunners.monitoringServer,
        },
        ...(member.role === 'replica'
          ? [
              {
                host: member.host.name,
                name: 'mariadb-replication',
                // -S: both replication threads run; warning and critical on seconds behind the primary.
                command: pulumi.interpolate`check_mysql -H ${member.host.dataAddress} -P ${port} -f ${MONITORING_CLIENT_CONFIG} -S -w 10 -c 60`,
                runsOn: CheckRunners.monitoringServer,
              },
            ]
          : []),
      ]),
      { host: backupHost.name, name: 'mariadb-backup', command: `${JOB_CHECK_SCRIPT} ${BACKUP_STATUS_FILE} 26`, runsOn: CheckRunners.host },
      { host: backupHost.name, name: 'mariadb-restore-check', command: `${JOB_CHECK_SCRIPT} ${RESTORE_CHECK_STATUS_FILE} 50`, runsOn: CheckRunners.host },
    ];
  }
}
