import * as pulumi from '@pulumi/pulumi';
import { inRange, isIpv4, isPort, knownValue } from '@hastack/host';
import type { Host } from '@hastack/host';
import { backupSchedule, BackupSchedule, validateBackupSchedule } from '../backup/database-backup-args';
import { PLAIN_IDENTIFIER } from '../sql/sql-values';
import { unsupportedMariadbSeries } from './mariadb-versions';

export const DatabaseRoles = { primary: 'primary', replica: 'replica' } as const;
export type DatabaseRole = (typeof DatabaseRoles)[keyof typeof DatabaseRoles];

/** Names of the tier's own accounts; the application's user may not take one of them. */
export const ReservedUsers = ['root', 'mysql', 'hastack_repl', 'hastack_snapshot', 'hastack_monitor', 'hastack_backup'] as const;

export interface DatabaseMemberArgs {
  /** The server. */
  host: Host;
  /** "primary" takes the writes (exactly one); a "replica" is a read-only copy that follows it. */
  role: DatabaseRole;
  /**
   * server_id, 1..4294967295, unique in the set. Left out, it is the host's data address read as a 32-bit
   * number (198.18.0.31 → 3323068447): stable across deployments and unique without coordination.
   */
  serverId?: number;
  /**
   * What the member holds that the primary lacks may go when it (re)joins as a replica: transactions it
   * never replicated, databases with tables. Without it such a join is refused, naming them.
   */
  discardData?: boolean;
}

export interface SemiSyncArgs {
  /** The primary answers a commit only once a replica has the transaction (true; off without replicas). */
  enabled?: boolean;
  /** Milliseconds the primary waits for a replica's acknowledgement before falling back to asynchronous replication (5000). */
  timeoutMs?: number;
}

export interface BackupArgs extends BackupSchedule {
  /** Host name of the member that takes the backups (the first replica; the primary when there is none). */
  host?: string;
}

export interface ReplicatedDatabaseArgs {
  /** The servers: one primary and any number of replicas. */
  members: DatabaseMemberArgs[];
  /** The application's database, created on the primary: a plain identifier. */
  database: string;
  /** The application's user, with rights on its database only: a plain identifier ("app"). */
  user?: string;
  /** Addresses the application connects from (the web hosts): the only ones its user may log in from. */
  appClients: pulumi.Input<string>[];
  /** Addresses of the monitoring hosts: the only ones the status-only monitoring user may log in from. */
  monitoringClients?: pulumi.Input<string>[];
  /** TCP port of every member (3306). */
  port?: number;
  /** Semi-synchronous replication (on, AFTER_SYNC, 5 s timeout). */
  semiSync?: SemiSyncArgs;
  /** Scheduled full backups and restore checks. */
  backup?: BackupArgs;
  /** Days binary logs are kept on each member (7). */
  binlogRetentionDays?: number;
  /** Remove the data folder, the backups and the tier's state on destroy (false: a destroy keeps the data). */
  purgeData?: boolean;
}

/** The args with every default in place: what the validator checks and the database is built from. */
export interface ReplicatedDatabaseSettings extends Required<Omit<ReplicatedDatabaseArgs, 'semiSync' | 'backup'>> {
  semiSync: Required<SemiSyncArgs>;
  backup: Required<BackupSchedule> & Pick<BackupArgs, 'host'>;
}

/** Every default of the args, resolved here only. */
export function replicatedDatabaseSettings(args: ReplicatedDatabaseArgs): ReplicatedDatabaseSettings {
  return {
    ...args,
    user: args.user ?? 'app',
    monitoringClients: args.monitoringClients ?? [],
    port: args.port ?? 3306,
    semiSync: { enabled: args.semiSync?.enabled ?? true, timeoutMs: args.semiSync?.timeoutMs ?? 5000 },
    backup: { host: args.backup?.host, ...backupSchedule(args.backup ?? {}) },
    binlogRetentionDays: args.binlogRetentionDays ?? 7,
    purgeData: args.purgeData ?? false,
  };
}

function isIntegerIn(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && inRange(value, low, high);
}

function checkAddresses(addresses: pulumi.Input<string>[], at: string, problems: string[]): void {
  const seen = new Set<string>();
  addresses.forEach((input, i) => {
    // An output (another resource's address) is checked when its value is known, by the grants.
    const address = knownValue(input);
    if (address === undefined) return;
    if (!isIpv4(address)) problems.push(`${at}[${i}]: "${address}" is not an IPv4 address`);
    if (seen.has(address)) problems.push(`${at}[${i}]: ${address} is listed twice`);
    seen.add(address);
  });
}

/** The member that takes the backups: the named one, else the first replica, else the primary. */
export function backupMember(args: ReplicatedDatabaseArgs): DatabaseMemberArgs | undefined {
  if (args.backup?.host) return args.members.find((m) => m.host.name === args.backup?.host);
  return args.members.find((m) => m.role === 'replica') ?? args.members.find((m) => m.role === 'primary');
}

/** The primary, the replicas and the member that takes the backups, of args the validator accepted. */
export function memberRoles(args: ReplicatedDatabaseArgs): { primary: DatabaseMemberArgs; replicas: DatabaseMemberArgs[]; backupAt: DatabaseMemberArgs } {
  const primary = args.members.find((m) => m.role === 'primary');
  const backupAt = backupMember(args);
  if (!primary || !backupAt) throw new Error('memberRoles: the args have no primary or no backup member; validate them first');
  return { primary, replicas: args.members.filter((m) => m.role === 'replica'), backupAt };
}

/**
 * Every problem with the args, each naming the argument; runs before any resource exists. Addresses
 * given as outputs are checked once known, by the renderers.
 */
export function validateReplicatedDatabaseArgs(args: ReplicatedDatabaseArgs): string[] {
  const problems: string[] = [];
  const settings = replicatedDatabaseSettings(args);
  const members = args.members ?? [];
  members.forEach((member, i) => {
    if (!(Object.values(DatabaseRoles) as string[]).includes(member.role))
      problems.push(`members[${i}].role: "${member.role}" is not one of ${Object.values(DatabaseRoles).join(', ')}`);
    if (members.findIndex((other) => other.host.name === member.host.name) !== i) problems.push(`members[${i}].host: ${member.host.name} is listed twice`);
    if (member.serverId !== undefined && !isIntegerIn(member.serverId, 1, 4294967295))
      problems.push(`members[${i}].serverId: ${member.serverId} is outside 1..4294967295`);
    if (member.serverId !== undefined && members.findIndex((other) => other.serverId === member.serverId) !== i)
      problems.push(`members[${i}].serverId: ${member.serverId} is already ${members.find((o) => o.serverId === member.serverId)?.host.name}'s`);
    const unsupported = unsupportedMariadbSeries(member.host.profile.versions.mariadb);
    if (unsupported)
      problems.push(
        `members[${i}].host: ${member.host.name} (${member.host.profile.os}) installs MariaDB ${member.host.profile.versions.mariadb}, ${unsupported}`,
      );
  });
  const series = [...new Set(members.map((m) => m.host.profile.versions.mariadb))];
  if (series.length > 1)
    problems.push(
      `members: ${members.map((m) => `${m.host.name} runs MariaDB ${m.host.profile.versions.mariadb} (${m.host.profile.os})`).join(', ')}: ` +
        'a replica cannot follow a primary of a newer series, and a promotion makes any mix that: give every member the same series',
    );
  const primaries = members.filter((m) => m.role === 'primary').map((m) => m.host.name);
  const replicas = members.filter((m) => m.role === 'replica').map((m) => m.host.name);
  if (members.length === 0) problems.push('members: at least one member, the primary, is needed');
  else if (primaries.length === 0)
    problems.push(`members: the replicas (${replicas.join(', ')}) have no primary to follow; exactly one member needs role "primary"`);
  else if (primaries.length > 1) problems.push(`members: ${primaries.length} primaries (${primaries.join(', ')}); exactly one is allowed`);

  if (!PLAIN_IDENTIFIER.test(args.database ?? ''))
    problems.push(`database: "${args.database}" is not a plain identifier (a letter or _, then letters, digits, _; at most 32)`);
  if (['mysql', 'information_schema', 'performance_schema', 'sys'].includes(args.database?.toLowerCase()))
    problems.push(`database: "${args.database}" is the server's own`);
  const { user } = settings;
  if (!PLAIN_IDENTIFIER.test(user)) problems.push(`user: "${user}" is not a plain identifier (a letter or _, then letters, digits, _; at most 32)`);
  if ((ReservedUsers as readonly string[]).includes(user.toLowerCase())) problems.push(`user: "${user}" is reserved for the server or this tier`);
  checkAddresses(args.appClients ?? [], 'appClients', problems);
  checkAddresses(settings.monitoringClients, 'monitoringClients', problems);
  if (!isPort(settings.port)) problems.push(`port: ${settings.port} is outside 1..65535`);
  if (!isIntegerIn(settings.semiSync.timeoutMs, 1, 3600000)) problems.push(`semiSync.timeoutMs: ${settings.semiSync.timeoutMs} is outside 1..3600000`);
  if (!isIntegerIn(settings.binlogRetentionDays, 1, 99)) problems.push(`binlogRetentionDays: ${settings.binlogRetentionDays} is outside 1..99`);

  const { backup } = settings;
  if (backup.host !== undefined && !members.some((m) => m.host.name === backup.host)) problems.push(`backup.host: "${backup.host}" is not a member`);
  problems.push(...validateBackupSchedule(backup).map((problem) => `backup.${problem}`));
  // The servers bind their data address and the scratch instance 127.0.0.1, so the same number would work;
  // given explicitly, it is taken for a mix-up.
  if (args.backup?.restoreCheckPort !== undefined && isPort(backup.restoreCheckPort) && backup.restoreCheckPort === settings.port)
    problems.push(`backup.restoreCheckPort: ${backup.restoreCheckPort} is the servers' own port`);
  return problems;
}
