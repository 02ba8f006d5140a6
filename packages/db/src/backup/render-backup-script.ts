import { shellQuote } from '@hastack/host';
import type { DatabaseRole } from '../replicated-database/replicated-database-args';
import { isPlainIdentifier } from '../sql/sql-values';
import { checksumStatements, jobPrelude, takeJobLock } from './job-shell';

/** Plain, resolved values for the backup job; see BackupArgs for their meaning. */
export interface BackupJob {
  directory: string;
  retention: number;
  /** 0600 option file with the backup user's name and password. */
  credentialsFile: string;
  /** Where the last run's time, size, duration and result are written, as JSON. */
  statusFile: string;
  /** How the data is held still while it is copied: see renderBackupScript. */
  role: DatabaseRole;
  /** The application's database, whose tables' checksums are recorded beside the copy (a plain identifier). */
  database: string;
}

/** The name of a run's folder: its UTC start time, so that names sort by age. */
export const RUN_FOLDER_GLOB = '[0-9]*T[0-9]*Z';

function freeze(role: DatabaseRole): string[] {
  if (role === 'replica') {
    return ["sql -e 'STOP SLAVE SQL_THREAD'", 'resume=replica', 'gtid="$(sql -e \'SELECT @@GLOBAL.gtid_slave_pos\')"'];
  }
  return [
    // A session of its own holds the lock for as long as the copy runs; it ends with the script.
    'coproc LOCKER { sql --unbuffered; }',
    'resume=primary',
    'printf \'%s\\n\' "FLUSH TABLES WITH READ LOCK;" "SELECT \'locked\';" >&"${LOCKER[1]}"',
    'read -r -t 600 -u "${LOCKER[0]}" locked && [ "$locked" = locked ] || fail "the global read lock was not granted"',
    'gtid="$(sql -e \'SELECT @@GLOBAL.gtid_binlog_pos\')"',
  ];
}

/**
 * A full backup of the member it runs on. The data is held still while it is copied, so that the copy,
 * the per-table checksums recorded beside it and its GTID position describe one and the same state:
 * on a replica, applying replicated transactions pauses (clients are read-only there, and the primary
 * is not slowed); on a primary, writes wait on a global read lock for the copy's duration. The copy is
 * mariabackup's xbstream, gzipped, with a SHA256SUMS of every file of the run. The run's folder is named
 * by its start time and only appears, renamed from `.partial`, once complete; older runs beyond the
 * retention are deleted only then. Every command of every pipe is checked; the result, size and
 * duration go to the status file either way.
 */
export function renderBackupScript(job: BackupJob): string {
  if (!Number.isInteger(job.retention) || job.retention < 1) throw new Error(`backup: retention ${job.retention} is below 1`);
  if (!isPlainIdentifier(job.database)) throw new Error(`backup: database "${job.database}" is not a plain identifier`);
  return [
    '# Rendered by hastack (db tier): a full backup of this MariaDB server.',
    ...jobPrelude(job.statusFile),
    `directory=${shellQuote(job.directory)}`,
    `credentials=${shellQuote(job.credentialsFile)}`,
    'stamp="$(date -u -d "@$started" +%Y%m%dT%H%M%SZ)"',
    'run="$directory/$stamp"',
    'partial="$run.partial"',
    "gtid=''",
    "resume=''",
    'sql() { mariadb --defaults-extra-file="$credentials" --protocol=socket -N -B "$@"; }',
    '# Lets the server go on: replication applies again, or the read lock ends with its session.',
    'thaw() {',
    '  case "$resume" in',
    "    replica) resume=''; sql -e 'START SLAVE SQL_THREAD' ;;",
    '    primary) resume=\'\'; local fd="${LOCKER[1]}"; exec {fd}>&-; wait "$LOCKER_PID" || true ;;',
    '  esac',
    '}',
    'finish() {',
    '  local code=$?',
    '  thaw || code=1',
    '  if [ "$code" -ne 0 ]; then',
    '    rm -rf "$partial"',
    '    message="backup failed: ${message:-exit $code}"',
    '    echo "$message" >&2',
    '    write_status failed "folder=$(json "$run")" "sizeBytes=0" "gtid=$(json "$gtid")"',
    '  fi',
    '}',
    'trap finish EXIT',
    ...takeJobLock(),
    'install -d -m 0700 "$directory"',
    '# What a run killed half-way left behind.',
    'rm -rf "$directory"/*.partial',
    'mkdir -m 0700 "$partial"',
    ...freeze(job.role),
    `sql -e ${shellQuote(checksumStatements(job.database))} | sql > "$partial/checksums.tsv"`,
    'set +e',
    'mariabackup --defaults-extra-file="$credentials" --backup --stream=xbstream --target-dir="$partial" 2> "$partial/mariabackup.log" | gzip -c > "$partial/backup.xbstream.gz"',
    'statuses=("${PIPESTATUS[@]}")',
    'set -e',
    '# Every command of the pipe is reported: one that dies makes the other fail too (SIGPIPE), so the first failure alone can mislead.',
    'failures=()',
    '[ "${statuses[0]}" -eq 0 ] || failures+=("mariabackup exited ${statuses[0]}: $(tail -n 3 "$partial/mariabackup.log")")',
    '[ "${statuses[1]}" -eq 0 ] || failures+=("gzip exited ${statuses[1]}")',
    '((${#failures[@]} == 0)) || fail "$(joined "${failures[@]}")"',
    'thaw',
    'printf \'%s\\n\' "$gtid" > "$partial/gtid"',
    'rm -f "$partial/mariabackup.log"',
    '(cd "$partial" && sha256sum backup.xbstream.gz checksums.tsv gtid > SHA256SUMS)',
    'mv "$partial" "$run"',
    '# Only now that this run succeeded may older ones go.',
    `ls -1d "$directory"/${RUN_FOLDER_GLOB} | LC_ALL=C sort | head -n -${job.retention} | while IFS= read -r old; do rm -rf -- "$old"; done`,
    'tables=$(wc -l < "$run/checksums.tsv")',
    'message="$tables tables at GTID $gtid"',
    'write_status ok "folder=$(json "$run")" "sizeBytes=$(du -sb "$run" | cut -f1)" "gtid=$(json "$gtid")"',
    'echo "backup $run: $message"',
  ].join('\n');
}
