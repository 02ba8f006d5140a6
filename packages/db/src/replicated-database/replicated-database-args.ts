import * as pulumi from '@pulumi/pulumi';
import type { Host } from '@hastack/host';
import { IPV4, PLAIN_IDENTIFIER } from '../sql/sql-values';

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
}

export interface SemiSyncArgs {
  /** The primary answers a commit only once a replica has the transaction (true; off without replicas). */
  enabled?: boolean;
  /** Milliseconds the primary waits for a replica's acknowledgement before falling back to asynchronous replication (5000). */
  timeoutMs?: number;
}

export interface BackupArgs {
  /** Host name of the member that takes the backups (the first replica; the primary when there is none). */
  host?: string;
  /** When a backup runs, as a systemd calendar expression ("*-*-* 03:15:00", daily). */
  onCalendar?: string;
  /** Successful runs kept (7); older ones are deleted only after a run succeeded. At least 1. */
  retention?: number;
  /** Folder with one sub-folder per run, named by its UTC start time ("/var/backups/hastack-db"). */
  directory?: string;
  /** When the newest backup is restored into a scratch instance and compared ("*-*-* 04:30:00"). */
  restoreCheckOnCalendar?: string;
  /** Port of that scratch instance, on 127.0.0.1 only (3307). */
  restoreCheckPort?: number;
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

const SAFE_PATH = /^\/[A-Za-z0-9._/-]+$/;

function isIntegerIn(value: number | undefined, low: number, high: number): boolean {
  return value === undefined || (Number.isInteger(value) && value >= low && value <= high);
}

function isOneLine(value: string | undefined): boolean {
  return value === undefined || (value.trim() !== '' && !/[\n\r]/.test(value));
}

function checkAddresses(addresses: pulumi.Input<string>[] | undefined, at: string, problems: string[]): void {
  const seen = new Set<string>();
  (addresses ?? []).forEach((address, i) => {
    // An output (another resource's address) is checked when its value is known, by the grants.
    if (typeof address !== 'string') return;
    if (!IPV4.test(address)) problems.push(`${at}[${i}]: "${address}" is not an IPv4 address`);
    if (seen.has(address)) problems.push(`${at}[${i}]: ${address} is listed twice`);
    seen.add(address);
  });
}

/** The member that takes the backups: the named one, else the first replica, else the primary. */
export function backupMember(args: ReplicatedDatabaseArgs): DatabaseMemberArgs | undefined {
  if (args.backup?.host) return args.members.find((m) => m.host.name === args.backup?.host);
  return args.members.find((m) => m.role === 'replica') ?? args.members.find((m) => m.role === 'primary');
}

/**
 * Every problem with the args, each naming the argument; runs before any resource exists. Addresses
 * given as outputs are checked once known, by the renderers.
 */
export function validateReplicatedDatabaseArgs(args: ReplicatedDatabaseArgs): string[] {
  const problems: string[] = [];
  const members = args.members ?? [];
  members.forEach((member, i) => {
    if (!(Object.values(DatabaseRoles) as string[]).includes(member.role))
      problems.push(`members[${i}].role: "${member.role}" is not one of ${Object.values(DatabaseRoles).join(', ')}`);
    if (members.findIndex((other) => other.host.name === member.host.name) !== i) problems.push(`members[${i}].host: ${member.host.name} is listed twice`);
    if (!isIntegerIn(member.serverId, 1, 4294967295)) problems.push(`members[${i}].serverId: ${member.serverId} is outside 1..4294967295`);
    if (member.serverId !== undefined && members.findIndex((other) => other.serverId === member.serverId) !== i)
      problems.push(`members[${i}].serverId: ${member.serverId} is already ${members.find((o) => o.serverId === member.serverId)?.host.name}'s`);
  });
  const primaries = members.filter((m) => m.role === 'primary').map((m) => m.host.name);
  const replicas = members.filter((m) => m.role === 'replica').map((m) => m.host.name);
  if (members.length === 0) problems.push('members: at least one member, the primary, is needed');
  else if (primaries.length === 0) problems.push(`members: the replicas (${replicas.join(', ')}) have no primary to follow; exactly one member needs role "primary"`);
  else if (primaries.length > 1) problems.push(`members: ${primaries.length} primaries (${primaries.join(', ')}); exactly one is allowed`);

  if (!PLAIN_IDENTIFIER.test(args.database ?? '')) problems.push(`database: "${args.database}" is not a plain identifier (a letter or _, then letters, digits, _; at most 32)`);
  if (['mysql', 'information_schema', 'performance_schema', 'sys'].includes(args.database?.toLowerCase()))
    problems.push(`database: "${args.database}" is the server's own`);
  const user = args.user ?? 'app';
  if (!PLAIN_IDENTIFIER.test(user)) problems.push(`user: "${user}" is not a plain identifier (a letter or _, then letters, digits, _; at most 32)`);
  if ((ReservedUsers as readonly string[]).includes(user.toLowerCase())) problems.push(`user: "${user}" is reserved for the server or this tier`);
  checkAddresses(args.appClients, 'appClients', problems);
  checkAddresses(args.monitoringClients, 'monitoringClients', problems);
  if (!isIntegerIn(args.port, 1, 65535)) problems.push(`port: ${args.port} is outside 1..65535`);
  if (!isIntegerIn(args.semiSync?.timeoutMs, 1, 3600000)) problems.push(`semiSync.timeoutMs: ${args.semiSync?.timeoutMs} is outside 1..3600000`);
  if (!isIntegerIn(args.binlogRetentionDays, 1, 99)) problems.push(`binlogRetentionDays: ${args.binlogRetentionDays} is outside 1..99`);

  const backup = args.backup ?? {};
  if (backup.host !== undefined && !members.some((m) => m.host.name === backup.host)) problems.push(`backup.host: "${backup.host}" is not a member`);
  if (backup.retention !== undefined && (!Number.isInteger(backup.retention) || backup.retention < 1))
    problems.push(`backup.retention: ${backup.retention} is below 1; at least the newest backup is kept`);
  if (!isOneLine(backup.onCalendar)) problems.push('backup.onCalendar: must be one non-empty line (a systemd calendar expression)');
  if (!isOneLine(backup.restoreCheckOnCalendar)) problems.push('backup.restoreCheckOnCalendar: must be one non-empty line (a systemd calendar expression)');
  if (backup.directory !== undefined && (!SAFE_PATH.test(backup.directory) || backup.directory.split('/').includes('..') || backup.directory === '/'))
    problems.push(`backup.directory: "${backup.directory}" must be an absolute path of letters, digits and ._-/`);
  if (!isIntegerIn(backup.restoreCheckPort, 1, 65535)) problems.push(`backup.restoreCheckPort: ${backup.restoreCheckPort} is outside 1..65535`);
  else if (backup.restoreCheckPort !== undefined && backup.restoreCheckPort === (args.port ?? 3306))
    problems.push(`backup.restoreCheckPort: ${backup.restoreCheckPort} is the servers' own port`);
  return problems;
}
