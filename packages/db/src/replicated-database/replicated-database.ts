import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs } from '@hastack/host';
import { DatabaseBackup } from '../backup/database-backup';
import { databaseChecks, TierCheck } from '../checks';
import { accountScope, memberAccounts, primarySources, TierUsers } from './accounts';
import { databaseMembers } from './member';
import { replicaJoin } from './replica';
import { memberRoles, ReplicatedDatabaseArgs, replicatedDatabaseSettings, validateReplicatedDatabaseArgs } from './replicated-database-args';

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
    const { primary, replicas, backupAt } = memberRoles(settings);
    const scope = accountScope(this, name, settings);
    const members = databaseMembers(this, name, settings, primary);
    const sources = primarySources(scope, members.primary, replicas);
    const accounts: pulumi.Resource[] = [sources.database, ...sources.joinAccounts];
    const joined: pulumi.Resource[] = [];
    for (const state of members.states) {
      accounts.push(...memberAccounts(scope, state, backupAt));
      if (state.member.role === 'replica') joined.push(replicaJoin(scope, state, sources));
    }
    const backup = new DatabaseBackup(
      `${name}-${backupAt.host.name}`,
      {
        ...settings.backup,
        host: backupAt.host,
        role: backupAt.role,
        user: TierUsers.backup,
        password: scope.passwords.backup,
        database: settings.database,
      },
      { parent: this, dependsOn: [...accounts, ...joined] },
    );

    this.port = settings.port;
    this.user = settings.user;
    this.monitoringUser = TierUsers.monitoring;
    this.primaryAddress = pulumi.all([primary.host.dataAddress, ...accounts.map((a) => a.urn)]).apply(([address]) => address);
    const replicaAddresses = pulumi.all(replicas.map((m) => m.host.dataAddress));
    this.replicaAddresses = pulumi.all(joined.map((j) => j.urn)).apply(() => replicaAddresses);
    this.database = sources.database.urn.apply(() => settings.database);
    this.password = scope.passwords.app;
    this.monitoringPassword = scope.passwords.monitoring;
    this.backupHost = backupAt.host.name;
    this.backupUnit = backup.backupUnit;
    this.restoreCheckUnit = backup.restoreCheckUnit;
    this.checks = databaseChecks(settings.members, this.port, backupAt.host);
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
