import { bashScript, isIpv4, shellQuote } from '@hastack/host';
import { sqlString } from '../sql/sql-values';
import { ROOT_SQL_FUNCTION } from '../sql/root-sql';

/** What a member says about itself, one `key=value` a line (see parseMemberState). */
export interface MemberState {
  /** The primary it replicates from; empty when it replicates from none. */
  masterHost: string;
  ioRunning: boolean;
  sqlRunning: boolean;
  /** Seconds behind its primary; undefined when the server cannot tell (I/O thread down). */
  secondsBehind?: number;
  readOnly: boolean;
  /** The last transaction it applied, and (replicas) the last it received from its primary. */
  gtidSlavePos: string;
  gtidIoPos: string;
  gtidBinlogPos: string;
  lastError: string;
}

/** On any member: its replication and read-only state. */
export function memberStateScript(): string {
  return bashScript([
    ROOT_SQL_FUNCTION,
    'status="$(mariadb --protocol=socket -e \'SHOW SLAVE STATUS\\G\')"',
    'field() { sed -n "s/^ *$1: //p" <<<"$status" | head -n 1; }',
    'printf "master_host=%s\\n" "$(field Master_Host)"',
    'printf "io_running=%s\\n" "$(field Slave_IO_Running)"',
    'printf "sql_running=%s\\n" "$(field Slave_SQL_Running)"',
    'printf "seconds_behind=%s\\n" "$(field Seconds_Behind_Master)"',
    'printf "gtid_io_pos=%s\\n" "$(field Gtid_IO_Pos)"',
    'printf "last_error=%s %s\\n" "$(field Last_IO_Error)" "$(field Last_SQL_Error)"',
    'sql -e \'SELECT CONCAT("read_only=", @@GLOBAL.read_only), CONCAT("gtid_slave_pos=", @@GLOBAL.gtid_slave_pos), CONCAT("gtid_binlog_pos=", @@GLOBAL.gtid_binlog_pos)\' | tr \'\\t\' \'\\n\'',
  ]);
}

export function parseMemberState(text: string): MemberState {
  const values = new Map(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()] as const),
  );
  const value = (key: string) => values.get(key) ?? '';
  const behind = value('seconds_behind');
  return {
    masterHost: value('master_host'),
    ioRunning: value('io_running') === 'Yes',
    sqlRunning: value('sql_running') === 'Yes',
    secondsBehind: /^\d+$/.test(behind) ? Number(behind) : undefined,
    readOnly: value('read_only') === '1',
    gtidSlavePos: value('gtid_slave_pos'),
    gtidIoPos: value('gtid_io_pos'),
    gtidBinlogPos: value('gtid_binlog_pos'),
    lastError: value('last_error'),
  };
}

/**
 * On the old primary: no more writes from the application (its user has no READ_ONLY ADMIN), then the
 * position of its last transaction, which the candidate must reach.
 */
export function fenceScript(): string {
  return bashScript([ROOT_SQL_FUNCTION, "sql -e 'SET GLOBAL read_only = ON'", "sql -e 'SELECT @@GLOBAL.gtid_binlog_pos'"]);
}

/** On the old primary, when the candidate could not catch up: writable again, as before the fence. */
export function unfenceScript(): string {
  return bashScript([ROOT_SQL_FUNCTION, "sql -e 'SET GLOBAL read_only = OFF'"]);
}

/** A GTID position as MariaDB prints it: domain-server-sequence, comma-separated, or empty. */
const GTID_POSITION = /^(\d+-\d+-\d+)?(,\d+-\d+-\d+)*$/;

/**
 * On the candidate: waits until it has applied every transaction up to `position` (MASTER_GTID_WAIT);
 * with `stopReceiving`, first stops receiving (its primary is gone, the relay log holds the rest).
 * Exits non-zero when the time runs out.
 */
export function catchUpScript(position: string, timeoutSeconds: number, stopReceiving: boolean): string {
  if (!GTID_POSITION.test(position)) throw new Error(`"${position}" is not a GTID position`);
  return bashScript([
    ROOT_SQL_FUNCTION,
    ...(stopReceiving ? ["sql -e 'STOP SLAVE IO_THREAD'"] : []),
    `result="$(sql -e ${shellQuote(`SELECT MASTER_GTID_WAIT(${sqlString(position)}, ${timeoutSeconds})`)})"`,
    `[ "$result" = 0 ] || { echo ${shellQuote(`did not apply up to ${position} within ${timeoutSeconds} s`)} >&2; exit 1; }`,
  ]);
}

/**
 * On the candidate: it stops replicating and forgets its primary, takes the primary's side of semi-sync
 * (when replicas will follow it) and becomes writable, in that order, so no write is taken before it has
 * stopped applying the old primary's.
 */
export function becomePrimaryScript(semiSync: boolean): string {
  const onOff = (on: boolean) => (on ? 'ON' : 'OFF');
  return bashScript([
    ROOT_SQL_FUNCTION,
    "sql -e 'STOP SLAVE; RESET SLAVE ALL'",
    `sql -e ${shellQuote(`SET GLOBAL rpl_semi_sync_slave_enabled = OFF; SET GLOBAL rpl_semi_sync_master_enabled = ${onOff(semiSync)}`)}`,
    "sql -e 'SET GLOBAL read_only = OFF'",
  ]);
}

/** On another replica: it follows the new primary from where it is (GTID), with the same account. */
export function repointScript(newPrimary: string): string {
  if (!isIpv4(newPrimary)) throw new Error(`"${newPrimary}" is not an IPv4 address`);
  return bashScript([
    ROOT_SQL_FUNCTION,
    `sql -e ${shellQuote(`STOP SLAVE; CHANGE MASTER TO MASTER_HOST = ${sqlString(newPrimary)}, MASTER_USE_GTID = slave_pos; START SLAVE`)}`,
  ]);
}
