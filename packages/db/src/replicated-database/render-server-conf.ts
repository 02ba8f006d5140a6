import { mariadbHas } from './mariadb-versions';
import type { DatabaseRole } from './replicated-database-args';

/** Plain, resolved values for one member's option file; see ReplicatedDatabaseArgs for their meaning. */
export interface ServerConf {
  /** The MariaDB series the member's OS profile installs (`10.11`): option names follow it. */
  series: string;
  role: DatabaseRole;
  serverId: number;
  bindAddress: string;
  port: number;
  /** Name the member gives the primary in SHOW SLAVE HOSTS. */
  reportHost: string;
  /** Whether semi-synchronous replication is on for this member's role (off on a primary without replicas). */
  semiSync: boolean;
  semiSyncTimeoutMs: number;
  binlogRetentionDays: number;
}

export type Setting = readonly [name: string, value: string | number];

/** One member's settings, split by how a change reaches the running server. */
export interface ServerSettings {
  /** Read at start only: a change of any of them restarts the server. */
  restart: Setting[];
  /** Also applied to the running server with SET GLOBAL: a change needs no restart. */
  dynamic: Setting[];
}

const onOff = (value: boolean) => (value ? 'ON' : 'OFF');

export function serverSettings(conf: ServerConf): ServerSettings {
  const primary = conf.role === 'primary';
  return {
    restart: [
      ['server_id', conf.serverId],
      ['bind_address', conf.bindAddress],
      ['port', conf.port],
      ['report_host', conf.reportHost],
      // Grants name addresses; resolving client names would only add a DNS dependency to every login.
      ['skip_name_resolve', 'ON'],
      // In the data folder, with fixed names: the defaults follow the host name, which may change.
      ['log_bin', 'mariadb-bin'],
      ['relay_log', 'relay-bin'],
      // A replica keeps what it applies in its own binary log, so it can become a primary or a source.
      ['log_slave_updates', 'ON'],
    ],
    dynamic: [
      ['read_only', onOff(!primary)],
      ['binlog_format', 'ROW'],
      // A transaction the primary acknowledged is on its disk as well as on a replica.
      ['sync_binlog', 1],
      ['gtid_strict_mode', 'ON'],
      // 10.5 counts the retention in whole days only; from 10.6.1 both names set the same retention.
      mariadbHas(conf.series, 'binlog_expire_logs_seconds')
        ? ['binlog_expire_logs_seconds', conf.binlogRetentionDays * 86400]
        : ['expire_logs_days', conf.binlogRetentionDays],
      ['rpl_semi_sync_master_enabled', onOff(primary && conf.semiSync)],
      ['rpl_semi_sync_slave_enabled', onOff(!primary && conf.semiSync)],
      // The transaction is in the primary's binary log and on a replica before any client sees it.
      ['rpl_semi_sync_master_wait_point', 'AFTER_SYNC'],
      ['rpl_semi_sync_master_timeout', conf.semiSyncTimeoutMs],
    ],
  };
}

/** Option-file values are single words here; refuse anything that could start another line or option. */
function word(setting: Setting): string {
  const text = String(setting[1]);
  if (!/^[A-Za-z0-9_.:-]+$/.test(text)) throw new Error(`option file: ${setting[0]} ${JSON.stringify(text)} is not a plain word`);
  return text;
}

/** The lines that need a restart when they change: a Service restart trigger. */
export function renderRestartSettings(conf: ServerConf): string {
  return serverSettings(conf)
    .restart.map((s) => `${s[0]} = ${word(s)}`)
    .join('\n');
}

/**
 * The member's option file, read after the distribution's own (its name sorts after 50-server.cnf), so
 * its values win: bind address, server id, binary log, GTID, read-only replicas, semi-sync.
 */
export function renderServerConf(conf: ServerConf): string {
  const settings = serverSettings(conf);
  return [
    `# Rendered by hastack (db tier): this member is the ${conf.role}; edits are overwritten on the next deployment.`,
    '[mysqld]',
    '# Read at start: a change restarts the server.',
    ...settings.restart.map((s) => `${s[0]} = ${word(s)}`),
    '# Also applied to the running server.',
    ...settings.dynamic.map((s) => `${s[0]} = ${word(s)}`),
    '',
  ].join('\n');
}

/** SET GLOBAL statements for the dynamic settings, so a change of one needs no restart. */
export function renderDynamicSettingsSql(conf: ServerConf): string {
  return serverSettings(conf)
    .dynamic.map((s) => `SET GLOBAL ${s[0]} = ${typeof s[1] === 'number' ? s[1] : `'${word(s)}'`};`)
    .join('\n');
}

/**
 * The option-file check ConfigFile runs with the candidate in place. MariaDB has no --validate-config; `--help --verbose` parses every option file as a start would and exits non-zero
 * on an unknown option or a value it cannot set, but only warns about a boolean it does not recognise,
 * so that warning fails the check too.
 */
export function serverConfigTest(serverBinary: string, serverUser: string): string {
  return [
    `report="$(${serverBinary} --help --verbose --user=${serverUser} 2>&1 >/dev/null)" || { grep -E '\\[ERROR\\]' <<<"$report" || printf '%s\\n' "$report"; exit 1; }`,
    `if grep -q "wasn't recognized" <<<"$report"; then grep "wasn't recognized" <<<"$report"; exit 1; fi`,
  ].join('\n');
}
