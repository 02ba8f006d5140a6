import { shellQuote } from '@hastack/host';
import { sqlString } from '../sql/sql-values';
import { ROOT_SQL_FUNCTION } from '../sql/root-sql';

/** Plain, resolved values for a replica's join step. */
export interface ReplicaJoin {
  port: number;
  replicationUser: string;
  snapshotUser: string;
  /** Folder the snapshot is written to while it is loaded (removed after). */
  workDir: string;
  /** Seconds between the replica's attempts to reach a primary that went away. */
  connectRetrySeconds: number;
  /** The member's host and the primary's, for the messages (the primary's address comes in secret stdin, which the output masks). */
  member: string;
  primary: string;
  /**
   * What this member holds that the primary lacks (transactions never replicated, databases with tables)
   * may go: the join replaces it, saying what it drops, instead of refusing.
   */
  discardData: boolean;
}

/**
 * The bash bodies of the join step. "$STEP_INPUT" holds the replication user's password, the snapshot
 * user's password and the primary's address, one a line (the address may come from another resource).
 */
export interface ReplicaJoinScripts {
  check: string;
  run: string;
}

/** The join step's input: what renderReplicaJoin's scripts read from "$STEP_INPUT". */
export function replicaJoinInput(replicationPassword: string, snapshotPassword: string, primaryAddress: string): string {
  return `${replicationPassword}\n${snapshotPassword}\n${primaryAddress}\n`;
}

const READ_INPUT = [
  '{ IFS= read -r replication_password; IFS= read -r snapshot_password; IFS= read -r primary; } < "$STEP_INPUT" || true',
  'for password in "$replication_password" "$snapshot_password"; do',
  '  [[ $password =~ ^[A-Za-z0-9]{16,}$ ]] || { echo "the passwords given on stdin must be 16 or more letters and digits" >&2; exit 1; }',
  'done',
  '[[ $primary =~ ^([0-9]{1,3}\\.){3}[0-9]{1,3}$ ]] || { echo "the primary\'s address \\"$primary\\" is not an IPv4 address" >&2; exit 1; }',
];

const SYSTEM_SCHEMAS = "('mysql', 'information_schema', 'performance_schema', 'sys')";

/**
 * The check: this member replicates from the primary by GTID with both threads running. Just after a
 * START SLAVE the I/O thread is still connecting, so a replica of the right primary gets a moment.
 */
function checkScript(join: ReplicaJoin): string {
  // Each field of SHOW SLAVE STATUS with the bash word it must equal.
  const expected: [string, string][] = [
    ['Master_Host', '"$primary"'],
    ['Master_Port', shellQuote(join.port)],
    ['Master_User', shellQuote(join.replicationUser)],
    ['Using_Gtid', 'Slave_Pos'],
  ];
  return [
    ...READ_INPUT,
    'field() { sed -n "s/^ *$1: //p" <<<"$status"; }',
    'for attempt in $(seq 1 30); do',
    '  status="$(mariadb --protocol=socket -e \'SHOW SLAVE STATUS\\G\')"',
    ...expected.map(
      ([name, value]) =>
        `  [ "$(field ${name})" = ${value} ] || { echo "not a replica of $primary:${join.port} by GTID (${name} is '$(field ${name})')"; exit 1; }`,
    ),
    '  if [ "$(field Slave_IO_Running)" = Yes ] && [ "$(field Slave_SQL_Running)" = Yes ]; then exit 0; fi',
    '  sleep 1',
    'done',
    'echo "a replica of the primary whose threads do not both run: I/O $(field Slave_IO_Running), SQL $(field Slave_SQL_Running); $(field Last_IO_Error) $(field Last_SQL_Error)"',
    'exit 1',
  ].join('\n');
}

/**
 * Lines that stop the join before it changes anything when this member holds what the primary lacks, and
 * so would lose it: transactions of its binary log the primary never got (an old primary's last writes,
 * a write made on a replica), compared per domain and server in `gtid_binlog_state` (every member logs
 * what it replicates; the primary's snapshot position counts too), and databases with tables the primary does not have. With the member's consent
 * they go, and the join records what went in the host's journal.
 */
function keepWhatPrimaryLacks(join: ReplicaJoin): string[] {
  const tableSchemas = `SELECT DISTINCT TABLE_SCHEMA FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}`;
  const consent = `set "discardData": true on ${join.member} in the description to let it go, or promote ${join.member} to keep it`;
  return [
    // The primary's own log, and the position of the snapshot it joined from once (older than its log).
    `theirs="$(mariadb --defaults-extra-file="$work/primary.cnf" -N -B -e "SELECT CONCAT_WS(',', NULLIF(@@GLOBAL.gtid_binlog_state, ''), NULLIF(@@GLOBAL.gtid_slave_pos, ''))")"`,
    `mine="$(sql -e 'SELECT @@GLOBAL.gtid_binlog_state')"`,
    // domain-server-sequence: the primary lacks a GTID of ours when it has no higher sequence from that domain and server.
    `errant="$(awk -v mine="$mine" -v theirs="$theirs" 'BEGIN { n = split(theirs, t, ","); for (i = 1; i <= n; i++) { split(t[i], g, "-"); k = g[1] "-" g[2]; if (!(k in top) || g[3] + 0 > top[k]) top[k] = g[3] + 0 }; n = split(mine, m, ","); for (i = 1; i <= n; i++) { if (split(m[i], g, "-") == 3 && !((g[1] "-" g[2]) in top && top[g[1] "-" g[2]] >= g[3] + 0)) out = out (out == "" ? "" : ", ") m[i] }; print out }')"`,
    `extra="$(sql -e ${shellQuote(tableSchemas)} | while IFS= read -r db; do case " \${databases[*]} " in *" $db "*) ;; *) printf '%s ' "$db" ;; esac; done)"`,
    'extra="${extra% }"',
    'lacks=""',
    '[ -z "$errant" ] || lacks="transactions it never got ($errant)"',
    '[ -z "$extra" ] || lacks="${lacks:+$lacks and }databases with tables ($extra)"',
    'if [ -n "$lacks" ]; then',
    ...(join.discardData
      ? // A step's output is shown only when it fails: the host's journal keeps the record of what went.
        [`  logger -t hastack-db-join -p user.warning -- ${shellQuote(`${join.member} discards what the primary ${join.primary} lacks: `)}"$lacks"`]
      : [
          `  echo ${shellQuote(`refused: ${join.member} holds what the primary ${join.primary} lacks, which the join would drop: `)}"$lacks"${shellQuote(`. Nothing was changed; ${consent}`)} >&2`,
          '  exit 1',
        ]),
    'fi',
  ];
}

/**
 * The run: a consistent snapshot of the live primary's databases (`mariadb-dump --single-transaction`,
 * taken at one GTID position without locking the primary), loaded here outside the binary log, then
 * `gtid_slave_pos` set to the snapshot's position and replication started from it by GTID. Whatever
 * this member held of those databases is replaced; its own binary log restarts, so it carries no
 * transaction the primary does not know. What only this member holds stops it (`keepWhatPrimaryLacks`).
 */
function runScript(join: ReplicaJoin): string {
  const otherSchemas = `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ${SYSTEM_SCHEMAS}`;
  const startReplication = [
    "SET GLOBAL gtid_slave_pos = '@GTID@';",
    `CHANGE MASTER TO MASTER_HOST = '@PRIMARY@', MASTER_PORT = ${join.port}, MASTER_USER = ${sqlString(join.replicationUser)},`,
    `  MASTER_PASSWORD = '@PASSWORD@', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = ${join.connectRetrySeconds};`,
    'START SLAVE;',
  ].join('\n');
  return [
    ...READ_INPUT,
    ROOT_SQL_FUNCTION,
    `install -d -m 0700 ${shellQuote(join.workDir)}`,
    `work="$(mktemp -d ${shellQuote(`${join.workDir}/join.XXXXXX`)})"`,
    'trap \'rm -rf "$work"\' EXIT',
    "# The snapshot user's password goes to the clients in a 0600 option file, not in an argument.",
    `(umask 077; printf '[client]\\nhost=%s\\nport=%s\\nuser=%s\\npassword=%s\\n' "$primary" ${join.port} ${shellQuote(join.snapshotUser)} "$snapshot_password" > "$work/primary.cnf")`,
    `mapfile -t databases < <(mariadb --defaults-extra-file="$work/primary.cnf" -N -B -e ${shellQuote(otherSchemas)})`,
    ...keepWhatPrimaryLacks(join),
    "sql -e 'STOP SLAVE; RESET SLAVE ALL; RESET MASTER;'",
    'if ((${#databases[@]})); then',
    '  mariadb-dump --defaults-extra-file="$work/primary.cnf" --single-transaction --gtid --master-data=2 \\',
    '    --routines --events --triggers --add-drop-database --databases "${databases[@]}" > "$work/snapshot.sql"',
    '  gtid="$(sed -n "s/^-- SET GLOBAL gtid_slave_pos=\'\\([0-9,-]*\\)\';$/\\1/p" "$work/snapshot.sql")"',
    '  grep -q "^-- SET GLOBAL gtid_slave_pos=" "$work/snapshot.sql" || { echo "the snapshot carries no GTID position" >&2; exit 1; }',
    'else',
    '  : > "$work/snapshot.sql"',
    `  gtid="$(mariadb --defaults-extra-file="$work/primary.cnf" -N -B -e 'SELECT @@GLOBAL.gtid_binlog_pos')"`,
    'fi',
    '# Databases the primary no longer has would only make this copy differ from it.',
    `sql -e ${shellQuote(otherSchemas)} | while IFS= read -r db; do`,
    '  [[ $db =~ ^[A-Za-z0-9_$]+$ ]] || { echo "database $db is not on the primary, and its name is too odd to drop it safely" >&2; exit 1; }',
    '  case " ${databases[*]} " in *" $db "*) ;; *) printf \'DROP DATABASE `%s`;\\n\' "$db" ;; esac',
    'done > "$work/drop.sql"',
    '{ echo "SET SESSION sql_log_bin = 0;"; cat "$work/drop.sql" "$work/snapshot.sql"; } | sql',
    `template=${shellQuote(startReplication)}`,
    'template="${template//@GTID@/$gtid}"',
    'template="${template//@PRIMARY@/$primary}"',
    'printf \'%s\\n\' "${template//@PASSWORD@/$replication_password}" | sql',
  ].join('\n');
}

export function renderReplicaJoin(join: ReplicaJoin): ReplicaJoinScripts {
  return { check: checkScript(join), run: runScript(join) };
}
