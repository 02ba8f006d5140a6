import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { assertValidArgs, OneOffStep } from '@hastack/host';
import { DatabaseBackup } from '../backup/database-backup';
import { STATE_DIR } from '../backup/job-shell';
import { databaseChecks, TierCheck } from '../checks';
import { serverIdFromAddress } from '../sql/sql-values';
import { databaseMember, MemberState } from './member';
import { accountStepInput, AccountSpec, renderAccountStep } from './render-account-step';
import { renderDatabaseStep } from './render-database-step';
import { renderReplicaJoin, replicaJoinInput } from './render-replica-join';
import {
  DatabaseMemberArgs,
  memberRoles,
  ReplicatedDatabaseArgs,
  replicatedDatabaseSettings,
  validateReplicatedDatabaseArgs,
} from './replicated-database-args';

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
    assertValidArgs('ReplicatedDatabase', name, validateReplicatedDatabaseArgs(args));
    super('hastack:db:ReplicatedDatabase', name, {}, opts);
    const settings = replicatedDatabaseSettings(args);
    this.port = settings.port;
    this.user = settings.user;
    this.monitoringUser = TierUsers.monitoring;
    const { primary, replicas, backupAt } = memberRoles(args);
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

    const clients = [...args.appClients, ...settings.monitoringClients];
    const memberState = (member: DatabaseMemberArgs) => {
      const peers = [...args.members.filter((other) => other !== member).map((other) => other.host.dataAddress), ...clients];
      const serverId = serverIds.apply((ids) => ids[args.members.indexOf(member)]);
      return databaseMember(this, name, settings, member, { serverId, peers, hasReplicas: replicas.length > 0 });
    };
    const primaryState = memberState(primary);
    const states = args.members.map((member) => (member === primary ? primaryState : memberState(member)));
    const account = (state: MemberState, kind: string, spec: AccountSpec, secret: pulumi.Output<string>, hosts: pulumi.Input<string>[]) =>
      new OneOffStep(
        `${state.prefix}-account-${kind}`,
        { host: state.member.host, ...renderAccountStep(spec), stdin: pulumi.secret(pulumi.all([secret, pulumi.all(hosts)]).apply(([p, h]) => accountStepInput(p, h))) },
        { parent: this, dependsOn: state.ready },
      );

    const database = new OneOffStep(
      `${primaryState.prefix}-database`,
      { host: primary.host, ...renderDatabaseStep(args.database) },
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
        account(state, 'monitoring', { user: TierUsers.monitoring, global: GLOBAL_PRIVILEGES.monitoring }, passwords.monitoring, settings.monitoringClients),
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

    const { directory, retention, onCalendar, restoreCheckOnCalendar, restoreCheckPort } = settings.backup;
    const backup = new DatabaseBackup(
      `${name}-${backupAt.host.name}`,
      {
        host: backupAt.host,
        role: backupAt.role,
        user: TierUsers.backup,
        password: passwords.backup,
        directory,
        retention,
        onCalendar,
        restoreCheckOnCalendar,
        restoreCheckPort,
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
    this.checks = databaseChecks(args.members, this.port, backupAt.host);
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
}
