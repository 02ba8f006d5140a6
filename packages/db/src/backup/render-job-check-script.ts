/**
 * A monitoring plugin that reads a job's status file (the backup's or the restore check's): CRITICAL
 * when the last run failed, when there is none (or it only waited for a backup) within the allowed age of
 * the job's installation, or when it is older than the allowed age; OK otherwise.
 * Usage: `<script> STATUS_FILE MAX_AGE_HOURS`. The status files are the tier's own JSON, one key a line.
 */
export function renderJobCheckScript(): string {
  return [
    '#!/bin/bash',
    '# Rendered by hastack (db tier): checks the last run of a backup or restore check.',
    'set -uo pipefail',
    'file="${1:?usage: $0 STATUS_FILE MAX_AGE_HOURS}"',
    'max_age_hours="${2:?usage: $0 STATUS_FILE MAX_AGE_HOURS}"',
    'if [ -e "$file" ] && [ ! -r "$file" ]; then echo "UNKNOWN: cannot read $file"; exit 3; fi',
    // Before the first run, and while a job waits for something to work on (a restore check before the first
    // backup), the job counts from when this script (installed with it) was written.
    'not_yet() {',
    '  local installed_hours=$(( ($(date +%s) - $(stat -c %Y "$0")) / 3600 ))',
    '  if [ "$installed_hours" -lt "$max_age_hours" ]; then echo "OK: $1, the job was installed ${installed_hours} h ago (first run due within ${max_age_hours} h)"; exit 0; fi',
    '  echo "CRITICAL: $1 in the ${installed_hours} h since the job was installed ($file)"; exit 2',
    '}',
    'if [ ! -e "$file" ]; then not_yet "no run yet"; fi',
    'value() { sed -n "s/^  \\"$1\\": \\"\\{0,1\\}\\([^\\"]*\\)\\"\\{0,1\\},\\{0,1\\}$/\\1/p" "$file"; }',
    'result="$(value result)"',
    'time="$(value time)"',
    'message="$(value message)"',
    'if [ "$result" = waiting ]; then not_yet "$message"; fi',
    'age_hours=$(( ($(date +%s) - $(date -d "$time" +%s 2>/dev/null || echo 0)) / 3600 ))',
    'if [ "$result" != ok ]; then echo "CRITICAL: last run at $time failed: $message"; exit 2; fi',
    'if [ "$age_hours" -ge "$max_age_hours" ]; then echo "CRITICAL: last successful run is ${age_hours} h old ($time), more than ${max_age_hours} h"; exit 2; fi',
    'echo "OK: $time, $message"',
    'exit 0',
    '',
  ].join('\n');
}
