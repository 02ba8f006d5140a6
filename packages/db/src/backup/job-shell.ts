import { shellQuote } from '@hastack/host';
import { sqlString } from '../sql/sql-values';

/** Where the tier keeps its state on a member: status files, credentials, scratch folders. */
export const STATE_DIR = '/var/lib/hastack-db';
/** Held by a backup and a restore check, so that neither sees the other's half-written folders. */
export const JOB_LOCK = '/run/lock/hastack-db-jobs.lock';

/**
 * SQL that prints one `CHECKSUM TABLE` statement per base table of the application's database, names
 * quoted by the server itself: fed back to the server it prints "schema.table <tab> checksum" lines. That
 * database only: the backup account may read nothing else, and the restore check compares the same tables.
 */
export function checksumStatements(database: string): string {
  return [
    "SELECT CONCAT('CHECKSUM TABLE `', REPLACE(TABLE_SCHEMA, '`', '``'), '`.`', REPLACE(TABLE_NAME, '`', '``'), '`;')",
    `FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = ${sqlString(database)}`,
    'ORDER BY TABLE_NAME',
  ].join(' ');
}

/**
 * bash functions both jobs share: `fail MESSAGE` (stops with that message), a JSON string quoter, and a
 * status writer that replaces the status file atomically, world-readable for the monitoring agent.
 */
export function jobPrelude(statusFile: string): string[] {
  return [
    // ERR traps in functions and subshells too, so the message names the command that failed.
    'set -E',
    `status_file=${shellQuote(statusFile)}`,
    'started=$(date +%s)',
    "message=''",
    'fail() { message="$1"; exit 1; }',
    'joined() { local out=\'\' item; for item in "$@"; do out="${out:+$out; }$item"; done; printf \'%s\' "$out"; }',
    'trap \'message="${message:-line $LINENO: $BASH_COMMAND exited $?}"\' ERR',
    'json() { local s="${1//\\\\/\\\\\\\\}"; s="${s//\\"/\\\\\\"}"; s="${s//$\'\\t\'/ }"; printf \'"%s"\' "${s//$\'\\n\'/; }"; }',
    '# write_status RESULT KEY=JSON_VALUE...',
    'write_status() {',
    '  local result="$1"; shift',
    '  install -d -m 0755 "$(dirname "$status_file")"',
    '  {',
    '    printf \'{\\n  "time": %s,\\n  "result": %s,\\n  "durationSeconds": %s,\\n\' "$(json "$(date -u -d "@$started" +%Y-%m-%dT%H:%M:%SZ)")" "$(json "$result")" "$(( $(date +%s) - started ))"',
    '    for pair in "$@"; do printf \'  "%s": %s,\\n\' "${pair%%=*}" "${pair#*=}"; done',
    '    printf \'  "message": %s\\n}\\n\' "$(json "$message")"',
    '  } > "$status_file.tmp"',
    '  chmod 0644 "$status_file.tmp"',
    '  mv -f "$status_file.tmp" "$status_file"',
    '}',
  ];
}

/** Waits for the jobs' lock: a backup and a restore check never run at once. */
export function takeJobLock(): string[] {
  return [`exec 9> ${shellQuote(JOB_LOCK)}`, 'flock -w 3600 9 || fail "another backup or restore check held the lock for an hour"'];
}
