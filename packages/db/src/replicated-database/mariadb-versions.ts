/**
 * The MariaDB series the tier runs on: 10.5 (Debian 11, Rocky/Alma 9's own) and 10.11 (Debian 12, the
 * mariadb:10.11 stream the EL8 profile enables). A series is `<major>.<minor>`; the package manager installs
 * its latest release, which is past every `x.y.z` below.
 */
export const SupportedMariadbSeries = ['10.5', '10.11'] as const;

/**
 * The first release of every option, privilege and server binary the tier names, so that a series that
 * lacks one is known before a host is touched. Sources: MariaDB's knowledge base and the 10.5.29 and
 * 10.11.14 binaries (Debian bullseye and bookworm); see the library README's version table.
 */
export const MariadbSince: Readonly<Record<string, string>> = {
  // Options of the member's option file.
  server_id: '5.5',
  bind_address: '5.5',
  port: '5.5',
  report_host: '5.5',
  skip_name_resolve: '5.5',
  log_bin: '5.5',
  relay_log: '5.5',
  log_slave_updates: '5.5',
  read_only: '5.5',
  binlog_format: '5.5',
  sync_binlog: '5.5',
  expire_logs_days: '5.5',
  gtid_strict_mode: '10.0.3',
  rpl_semi_sync_master_wait_point: '10.1.3',
  // Semi-sync is part of the server from 10.3.3; before, a plugin the tier does not load.
  rpl_semi_sync_master_enabled: '10.3.3',
  rpl_semi_sync_slave_enabled: '10.3.3',
  rpl_semi_sync_master_timeout: '10.3.3',
  binlog_expire_logs_seconds: '10.6.1',
  // Global privileges of the tier's accounts.
  'REPLICATION SLAVE': '5.5',
  SELECT: '5.5',
  'SHOW VIEW': '5.5',
  TRIGGER: '5.5',
  EVENT: '5.5',
  'LOCK TABLES': '5.5',
  PROCESS: '5.5',
  RELOAD: '5.5',
  'BINLOG MONITOR': '10.5.2',
  'REPLICATION SLAVE ADMIN': '10.5.2',
  'SLAVE MONITOR': '10.5.9',
  // The server and client names the scripts call (mysql* were the programs before, symlinks after).
  mariadbd: '10.5.2',
  mariadb: '10.5.2',
  'mariadb-dump': '10.5.2',
  'mariadb-admin': '10.5.2',
};

/** `a` compared with `b` by `<major>.<minor>` only: a series stands for its latest release, past every patch level. */
function compareSeries(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  const parts = Math.min(x.length, y.length, 2);
  for (let i = 0; i < parts; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Whether the MariaDB series has the named option, privilege or program; false for a name the table lacks. */
export function mariadbHas(series: string, name: string): boolean {
  const since = MariadbSince[name];
  return since !== undefined && compareSeries(series, since) >= 0;
}

/** Why the tier cannot run on a series, or undefined when it can. */
export function unsupportedMariadbSeries(series: string): string | undefined {
  if ((SupportedMariadbSeries as readonly string[]).includes(series)) return undefined;
  const lowest = SupportedMariadbSeries[0];
  const lacking = Object.keys(MariadbSince).filter((name) => mariadbHas(lowest, name) && !mariadbHas(series, name));
  const missing = lacking.length ? `: it lacks ${lacking.join(', ')}` : '';
  return `not a series the tier runs on (${SupportedMariadbSeries.join(', ')})${missing}`;
}
