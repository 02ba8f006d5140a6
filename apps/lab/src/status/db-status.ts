import { BACKUP_STATUS_FILE, RESTORE_CHECK_STATUS_FILE } from '@hastack/db';
import { shellQuote } from '@hastack/host';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { labSsh, readInventory, type RunResult } from '@hastack/lab-machines';

export interface DbMemberStatus {
  name: string;
  address: string;
  role: 'primary' | 'replica';
  active: boolean;
  readOnly?: boolean;
  /** @@gtid_current_pos: the last transaction this member has, its own or applied. */
  gtid?: string;
  /** SHOW SLAVE STATUS, on a replica. */
  replication?: { primary: string; io: string; sql: string; lagSeconds?: number; error: string };
  /** Semi-sync as configured and as it runs: on a primary, OFF while it has fallen back to asynchronous. */
  semiSync?: { enabled: boolean; active: boolean; replicas?: number; fallbacks?: number };
}

export interface DbJobStatus {
  host: string;
  time: string;
  result: string;
  durationSeconds: number;
  sizeBytes?: number;
  message: string;
}

export interface DbStatus {
  members: DbMemberStatus[];
  backup?: DbJobStatus;
  restoreCheck?: DbJobStatus;
}

const MEMBER_QUERY = [
  "SELECT 'read_only', @@read_only",
  "UNION ALL SELECT 'gtid', @@gtid_current_pos",
  "UNION ALL SELECT 'master_enabled', @@rpl_semi_sync_master_enabled",
  "UNION ALL SELECT 'slave_enabled', @@rpl_semi_sync_slave_enabled;",
  "SHOW GLOBAL STATUS WHERE Variable_name IN ('Rpl_semi_sync_master_status', 'Rpl_semi_sync_master_clients', 'Rpl_semi_sync_master_no_times', 'Rpl_semi_sync_slave_status');",
].join(' ');

const SLAVE_FIELDS = 'Master_Host|Slave_IO_Running|Slave_SQL_Running|Seconds_Behind_Master|Last_IO_Error|Last_SQL_Error';

/** One round trip per member: the service, its variables and status, and SHOW SLAVE STATUS, as "key<TAB>value" lines. */
export const MEMBER_STATUS_COMMAND = [
  'printf "active\\t%s\\n" "$(systemctl is-active mariadb)"',
  `mariadb -N -B -e "${MEMBER_QUERY}" 2>/dev/null`,
  `mariadb -e 'SHOW SLAVE STATUS\\G' 2>/dev/null | sed -n -E 's/^ *(${SLAVE_FIELDS}): ?(.*)$/\\1\\t\\2/p'`,
  'true',
].join('; ');

/** The "key<TAB>value" lines of MEMBER_STATUS_COMMAND as a member's status. */
export function parseMemberStatus(host: Pick<InventoryHost, 'name' | 'address'>, role: 'primary' | 'replica', text: string): DbMemberStatus {
  const values = new Map(
    text
      .split('\n')
      .filter((line) => line.includes('\t'))
      .map((line) => [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)] as const),
  );
  const on = (key: string) => ['1', 'ON'].includes(values.get(key) ?? '');
  const status: DbMemberStatus = { name: host.name, address: host.address, role, active: values.get('active') === 'active' };
  if (!values.has('gtid')) return status;
  status.readOnly = on('read_only');
  status.gtid = values.get('gtid');
  if (role === 'primary') {
    status.semiSync = {
      enabled: on('master_enabled'),
      active: on('Rpl_semi_sync_master_status'),
      replicas: Number(values.get('Rpl_semi_sync_master_clients') ?? 0),
      fallbacks: Number(values.get('Rpl_semi_sync_master_no_times') ?? 0),
    };
  } else {
    status.semiSync = { enabled: on('slave_enabled'), active: on('Rpl_semi_sync_slave_status') };
  }
  if (values.has('Master_Host')) {
    const lag = values.get('Seconds_Behind_Master');
    status.replication = {
      primary: values.get('Master_Host') ?? '',
      io: values.get('Slave_IO_Running') ?? '',
      sql: values.get('Slave_SQL_Running') ?? '',
      lagSeconds: lag === undefined || lag === 'NULL' ? undefined : Number(lag),
      error: [values.get('Last_IO_Error'), values.get('Last_SQL_Error')].filter(Boolean).join('; '),
    };
  }
  return status;
}

const dbHosts = (inventory: Inventory) =>
  inventory.hosts
    .filter((h) => h.roles.includes('db-primary') || h.roles.includes('db-replica'))
    .map((host) => ({ host, role: host.roles.includes('db-primary') ? ('primary' as const) : ('replica' as const) }));

async function jobStatus(host: InventoryHost, file: string): Promise<DbJobStatus | undefined> {
  const read = await labSsh(host, `cat ${file}`);
  if (read.code !== 0) return undefined;
  try {
    return { host: host.name, ...(JSON.parse(read.stdout) as Omit<DbJobStatus, 'host'>) };
  } catch {
    return undefined;
  }
}

/** The database as its members see it, and the last backup and restore check wherever they ran. Undefined without db hosts. */
export async function collectDbStatus(inventory: Inventory): Promise<DbStatus | undefined> {
  const hosts = dbHosts(inventory);
  if (hosts.length === 0) return undefined;
  const members = await Promise.all(hosts.map(async ({ host, role }) => parseMemberStatus(host, role, (await labSsh(host, MEMBER_STATUS_COMMAND)).stdout)));
  const jobs = await Promise.all(
    hosts.map(async ({ host }) => ({ backup: await jobStatus(host, BACKUP_STATUS_FILE), restoreCheck: await jobStatus(host, RESTORE_CHECK_STATUS_FILE) })),
  );
  const newest = (list: (DbJobStatus | undefined)[]) => list.filter((j): j is DbJobStatus => j !== undefined).sort((a, b) => b.time.localeCompare(a.time))[0];
  return { members, backup: newest(jobs.map((j) => j.backup)), restoreCheck: newest(jobs.map((j) => j.restoreCheck)) };
}

function describeMember(member: DbMemberStatus): string {
  const head = `  ${member.name.padEnd(10)} ${member.address.padEnd(14)} ${member.role.padEnd(8)}`;
  if (!member.active) return `${head} mariadb NOT running`;
  const parts = [member.readOnly ? 'read-only' : 'writable', `gtid ${member.gtid || '-'}`];
  if (member.replication) {
    const r = member.replication;
    const lag = r.lagSeconds === undefined ? 'lag ?' : `lag ${r.lagSeconds} s`;
    parts.push(`from ${r.primary}: io ${r.io}, sql ${r.sql}, ${lag}${r.error ? `, error: ${r.error}` : ''}`);
  } else if (member.role === 'replica') {
    parts.push('NOT replicating');
  }
  const s = member.semiSync;
  if (s) {
    const state = !s.enabled ? 'off' : s.active ? 'on' : member.role === 'primary' ? 'enabled, fallen back to async' : 'enabled, not acknowledging';
    parts.push(member.role === 'primary' ? `semi-sync ${state} (${s.replicas} replica(s) connected, ${s.fallbacks} fallback(s))` : `semi-sync ${state}`);
  }
  return `${head} ${parts.join('  ')}`;
}

function describeJob(label: string, job: DbJobStatus | undefined): string {
  if (!job) return `  ${label}: none recorded`;
  const size = job.sizeBytes === undefined ? '' : `, ${(job.sizeBytes / 1024).toFixed(0)} KiB`;
  return `  ${label} (${job.host}): ${job.time} ${job.result} in ${job.durationSeconds} s${size}: ${job.message}`;
}

export function formatDbStatus(status: DbStatus): string[] {
  return [
    'database:',
    ...status.members.map(describeMember),
    describeJob('last backup', status.backup),
    describeJob('last restore check', status.restoreCheck),
  ];
}

/**
 * `npm run db:restore-check`: runs the restore check now on the member that holds the backups (the one
 * whose systemd has the stack's restore-check unit) and prints its result; exits 1 when it fails.
 */
export async function runRestoreCheck(inventory: Inventory): Promise<boolean> {
  for (const { host } of dbHosts(inventory)) {
    const listed = await labSsh(host, "systemctl list-unit-files --no-legend 'hastack-*-restore-check.service' | cut -d' ' -f1");
    const units = listed.stdout.split('\n').filter(Boolean);
    if (units.length === 0) continue;
    const started = Date.now();
    console.log(`db:restore-check: ${units[0]} on ${host.name} ...`);
    const run = await labSsh(host, `systemctl start ${units[0]}`, { timeoutMs: 30 * 60 * 1000 });
    const job = await jobStatus(host, RESTORE_CHECK_STATUS_FILE);
    console.log(`db:restore-check: ${job ? `${job.result}: ${job.message}` : 'no result recorded'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return run.code === 0 && job?.result === 'ok';
  }
  console.error('db:restore-check: no database host has a restore-check unit: deploy the db tier first');
  return false;
}

/** An account to log in as, for probes. */
export interface DbCredentials {
  user: string;
  password: string;
}

/**
 * Runs `sql` with the mariadb client on `clientHost` against `server`, logged in as `credentials`: the
 * connection comes from `clientHost`'s address. The password travels on ssh's stdin into a 0600 option
 * file removed at once, never in an argument.
 */
export function sqlAs(clientHost: InventoryHost, server: string, credentials: DbCredentials, sql: string, timeoutMs = 30000): Promise<RunResult> {
  const command = [
    'f="$(mktemp)"',
    'trap \'rm -f "$f"\' EXIT',
    'cat > "$f"',
    `mariadb --defaults-extra-file="$f" -h ${shellQuote(server)} --connect-timeout=5 -N -B -e ${shellQuote(sql)}`,
  ].join('; ');
  return labSsh(clientHost, command, { timeoutMs, input: `[client]\nuser=${credentials.user}\npassword=${credentials.password}\n` });
}

if (require.main === module && process.argv[2] === 'restore-check') {
  runRestoreCheck(readInventory()).then(
    (passed) => process.exit(passed ? 0 : 1),
    (error: Error) => {
      console.error(`db:restore-check: ${error.message}`);
      process.exit(1);
    },
  );
}
