import { shellQuote } from '@hastack/host';
import { isPlainIdentifier } from '../sql/sql-values';
import { checksumStatements, jobPrelude, STATE_DIR, takeJobLock } from './job-shell';
import { RUN_FOLDER_GLOB } from './render-backup-script';

/** Plain, resolved values for the restore check. */
export interface RestoreCheck {
  /** The backups' folder. */
  directory: string;
  statusFile: string;
  /** Port of the scratch instance, on 127.0.0.1. */
  port: number;
  /** The server binary (the OS profile's). */
  serverBinary: string;
  /** The system user the scratch instance runs as. */
  serverUser: string;
  /** Parent of the scratch folder (the tier's state folder). */
  scratchParent?: string;
  /** The application's database: its tables are compared, as the backup recorded them (a plain identifier). */
  database: string;
}

/**
 * Restores the newest backup into a scratch instance (its own data folder, socket and port, no
 * replication) and compares `CHECKSUM TABLE` of every table of the application's database with the
 * checksums recorded when the backup was taken, at the backup's GTID position while the source was held still: equal means the backup
 * gives back the source as it was. A file that does not match its SHA256SUMS fails the check before
 * anything is restored. Pass or fail, with the reason, goes to the status file and the journal.
 */
export function renderRestoreCheckScript(check: RestoreCheck): string {
  if (!isPlainIdentifier(check.database)) throw new Error(`restore check: database "${check.database}" is not a plain identifier`);
  const scratchParent = check.scratchParent ?? STATE_DIR;
  return [
    '# Rendered by hastack (db tier): restores the newest backup into a scratch instance and compares it with the source.',
    ...jobPrelude(check.statusFile),
    `directory=${shellQuote(check.directory)}`,
    "backup=''",
    "gtid=''",
    'tables=0',
    "scratch=''",
    "server_pid=''",
    'scratch_sql() { mariadb --socket="$scratch/mysqld.sock" -N -B "$@"; }',
    'finish() {',
    '  local code=$?',
    '  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then',
    '    mariadb-admin --socket="$scratch/mysqld.sock" shutdown 2>/dev/null || kill "$server_pid" 2>/dev/null || true',
    '    wait "$server_pid" 2>/dev/null || true',
    '  fi',
    '  if [ -n "$scratch" ]; then rm -rf "$scratch"; fi',
    '  if [ "$code" -ne 0 ]; then',
    '    message="restore check failed: ${message:-exit $code}"',
    '    echo "$message" >&2',
    '    write_status failed "backup=$(json "$backup")" "gtid=$(json "$gtid")" "tables=$tables"',
    '  fi',
    '}',
    'trap finish EXIT',
    ...takeJobLock(),
    `backup="$(ls -1d "$directory"/${RUN_FOLDER_GLOB} 2>/dev/null | LC_ALL=C sort | tail -n 1)" || true`,
    // A member that has not taken its first backup yet (a new site, a replica that just joined) is waiting, not failing:
    // the backup's own check pages when that first backup is late.
    'if [ -z "$backup" ]; then',
    '  message="no backup in $directory to restore yet"',
    '  write_status waiting',
    '  echo "restore check waiting: $message"',
    '  exit 0',
    'fi',
    '[ -f "$backup/SHA256SUMS" ] || fail "backup $backup has no SHA256SUMS"',
    'if ! report="$(cd "$backup" && sha256sum --check --strict SHA256SUMS 2>&1)"; then',
    "  fail \"backup $backup is corrupt, its files do not match SHA256SUMS: $(grep -v ': OK$' <<<\"$report\" | paste -sd'|' - | sed 's/|/; /g')\"",
    'fi',
    'gtid="$(cat "$backup/gtid")"',
    `install -d -m 0755 ${shellQuote(scratchParent)}`,
    `scratch="$(mktemp -d ${shellQuote(`${scratchParent}/restore-check.XXXXXX`)})"`,
    'mkdir "$scratch/data"',
    'set +e',
    'gzip -dc "$backup/backup.xbstream.gz" | mbstream -x -C "$scratch/data"',
    'statuses=("${PIPESTATUS[@]}")',
    'set -e',
    'failures=()',
    '[ "${statuses[0]}" -eq 0 ] || failures+=("gzip could not read $backup/backup.xbstream.gz (exit ${statuses[0]})")',
    '[ "${statuses[1]}" -eq 0 ] || failures+=("mbstream could not unpack it (exit ${statuses[1]})")',
    '((${#failures[@]} == 0)) || fail "$(joined "${failures[@]}")"',
    'mariabackup --prepare --target-dir="$scratch/data" > "$scratch/prepare.log" 2>&1 || fail "mariabackup --prepare failed: $(tail -n 3 "$scratch/prepare.log")"',
    `chown -R ${shellQuote(`${check.serverUser}:${check.serverUser}`)} "$scratch"`,
    `${shellQuote(check.serverBinary)} --no-defaults --user=${shellQuote(check.serverUser)} --datadir="$scratch/data" --socket="$scratch/mysqld.sock" \\`,
    `  --pid-file="$scratch/mysqld.pid" --log-error="$scratch/error.log" --port=${check.port} --bind-address=127.0.0.1 \\`,
    '  --skip-slave-start --innodb-buffer-pool-size=64M >> "$scratch/error.log" 2>&1 &',
    'server_pid=$!',
    'for attempt in $(seq 1 120); do',
    '  if mariadb-admin --socket="$scratch/mysqld.sock" ping >/dev/null 2>&1; then break; fi',
    '  kill -0 "$server_pid" 2>/dev/null || fail "the scratch server stopped: $(tail -n 3 "$scratch/error.log" 2>/dev/null)"',
    '  [ "$attempt" -lt 120 ] || fail "the scratch server did not answer within 60 s"',
    '  sleep 0.5',
    'done',
    `scratch_sql -e ${shellQuote(checksumStatements(check.database))} | scratch_sql > "$scratch/restored.tsv"`,
    'tables=$(wc -l < "$backup/checksums.tsv")',
    "differences=\"$(awk -F'\\t' '",
    '  NR == FNR { source[$1] = $2; next }',
    '  { restored[$1] = $2 }',
    '  END {',
    '    for (t in source) if (!(t in restored)) print t " is missing"; else if (source[t] != restored[t]) print t " has checksum " restored[t] ", the source had " source[t]',
    '    for (t in restored) if (!(t in source)) print t " was not in the source"',
    '  }\' "$backup/checksums.tsv" "$scratch/restored.tsv" | LC_ALL=C sort | paste -sd\';\' -)"',
    '[ -z "$differences" ] || fail "the restored copy of $backup differs from the source at GTID $gtid: $differences"',
    'message="$tables tables of $(basename "$backup") equal to the source at GTID $gtid"',
    'write_status ok "backup=$(json "$backup")" "gtid=$(json "$gtid")" "tables=$tables"',
    'echo "restore check passed: $message"',
  ].join('\n');
}
