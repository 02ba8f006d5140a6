import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { OneOffStep } from '@hastack/host';
import type { MemberState } from './member';
import { accountStepInput, AccountSpec, renderAccountStep } from './render-account-step';
import { renderDatabaseStep } from './render-database-step';
import type { DatabaseMemberArgs, DatabaseRole, ReplicatedDatabaseSettings } from './replicated-database-args';

/** The tier's own accounts; the application's is named by the args. */
export const TierUsers = {
  replication: 'hastack_repl',
  snapshot: 'hastack_snapshot',
  monitoring: 'hastack_monitor',
  backup: 'hastack_backup',
} as const;

/** What the application's user may do in its database, and nowhere else. */
export const APP_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'ALTER',
  'INDEX',
  'DROP',
  'REFERENCES',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  'CREATE VIEW',
  'SHOW VIEW',
  'TRIGGER',
  'EXECUTE',
];

/** The global privileges of the tier's accounts; every one must exist in each supported MariaDB series (`MariadbSince`). */
export const GLOBAL_PRIVILEGES = {
  replication: ['REPLICATION SLAVE'],
  // A consistent dump of every database (mariadb-dump --single-transaction --gtid needs no lock on 10.11).
  snapshot: ['SELECT', 'SHOW VIEW', 'TRIGGER', 'EVENT'],
  // SHOW SLAVE STATUS (check_mysql -S); its login, its global status and semi-sync's need none. Not BINLOG
  // MONITOR: its SHOW BINLOG EVENTS prints each write's statement, values included.
  monitoring: ['SLAVE MONITOR'],
  // What mariabackup asks of the server on 10.5 and later (MariaDB's list); RELOAD also holds a primary still
  // (FLUSH TABLES WITH READ LOCK) while it copies.
  backup: ['BINLOG MONITOR', 'LOCK TABLES', 'PROCESS', 'RELOAD'],
  // On a replica, the applier pauses instead (STOP SLAVE SQL_THREAD).
  backupOnReplica: ['REPLICATION SLAVE ADMIN'],
};

/**
 * The backup account on the member that takes the backups: `GLOBAL_PRIVILEGES.backup`, and SELECT on the
 * application's database for the checksums recorded beside each copy. No global SELECT: mysql.* (the
 * accounts' password hashes) stays out of its reach.
 */
export function backupAccount(database: string, role: DatabaseRole): AccountSpec {
  return {
    user: TierUsers.backup,
    global: [...GLOBAL_PRIVILEGES.backup, ...(role === 'replica' ? GLOBAL_PRIVILEGES.backupOnReplica : [])],
    database: { name: database, privileges: ['SELECT'] },
  };
}

/** One password per account, generated once and kept in the stack's state (secret). */
export type AccountPasswords = Record<'app' | 'replication' | 'snapshot' | 'monitoring' | 'backup', pulumi.Output<string>>;

/** What the account steps and the replicas' joins are built with. */
export interface AccountScope {
  /** The component: every child's parent. */
  parent: pulumi.Resource;
  settings: ReplicatedDatabaseSettings;
  passwords: AccountPasswords;
}

export function accountScope(parent: pulumi.Resource, name: string, settings: ReplicatedDatabaseSettings): AccountScope {
  const password = (kind: string) => new random.RandomPassword(`${name}-${kind}-password`, { length: 32, special: false }, { parent }).result;
  return {
    parent,
    settings,
    passwords: {
      app: password('app'),
      replication: password('replication'),
      snapshot: password('snapshot'),
      monitoring: password('monitoring'),
      backup: password('backup'),
    },
  };
}

/** One account on one member, once its server runs: its password and allowed hosts go in on stdin, never on the command line. */
function accountStep(
  scope: AccountScope,
  state: MemberState,
  kind: string,
  spec: AccountSpec,
  password: pulumi.Output<string>,
  hosts: pulumi.Input<string>[],
): OneOffStep {
  const stdin = pulumi.secret(pulumi.all([password, pulumi.all(hosts)]).apply(([p, h]) => accountStepInput(p, h)));
  return new OneOffStep(
    `${state.prefix}-account-${kind}`,
    { host: state.member.host, ...renderAccountStep(spec), stdin },
    { parent: scope.parent, dependsOn: state.ready },
  );
}

/** The primary with what a replica joins from: the application's database, and the accounts a replica copies and follows with. */
export interface PrimarySources {
  state: MemberState;
  database: OneOffStep;
  /** The replication and snapshot accounts, which log in from the replicas only. */
  joinAccounts: OneOffStep[];
}

export function primarySources(scope: AccountScope, state: MemberState, replicas: DatabaseMemberArgs[]): PrimarySources {
  const { parent, settings, passwords } = scope;
  const database = new OneOffStep(
    `${state.prefix}-database`,
    { host: state.member.host, ...renderDatabaseStep(settings.database) },
    { parent, dependsOn: state.ready },
  );
  const replicaAddresses = replicas.map((m) => m.host.dataAddress);
  const joinAccounts = [
    accountStep(scope, state, 'replication', { user: TierUsers.replication, global: GLOBAL_PRIVILEGES.replication }, passwords.replication, replicaAddresses),
    accountStep(scope, state, 'snapshot', { user: TierUsers.snapshot, global: GLOBAL_PRIVILEGES.snapshot }, passwords.snapshot, replicaAddresses),
  ];
  return { state, database, joinAccounts };
}

/**
 * The accounts every member has, since a replica may be promoted: the application's and the monitoring
 * one, each limited to its clients; on the member that takes the backups, the local backup account too.
 */
export function memberAccounts(scope: AccountScope, state: MemberState, backupAt: DatabaseMemberArgs): OneOffStep[] {
  const { settings, passwords } = scope;
  const { member } = state;
  const app: AccountSpec = { user: settings.user, global: [], database: { name: settings.database, privileges: APP_PRIVILEGES } };
  const monitoring: AccountSpec = { user: TierUsers.monitoring, global: GLOBAL_PRIVILEGES.monitoring };
  const steps = [
    accountStep(scope, state, 'app', app, passwords.app, settings.appClients),
    accountStep(scope, state, 'monitoring', monitoring, passwords.monitoring, settings.monitoringClients),
  ];
  if (member !== backupAt) return steps;
  return [...steps, accountStep(scope, state, 'backup', backupAccount(settings.database, member.role), passwords.backup, ['localhost'])];
}
