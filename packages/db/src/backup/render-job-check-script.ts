/**
 * A monitoring plugin that reads a job's status file (the backup's or the restore check's): CRITICAL
 * when the last run failed, when there is none, or when it is older than the allowed age; OK otherwise.
 * Usage: `<script> STATUS_FILE MAX_AGE_HOURS`. The status files are the tier's own JSON, one key a line.
 */
export function renderJobCheckScript(): string {
  return [
    '#!/bin/bash',
    '# Rendered by hastack (db tier): checks the last run of a backup or restore check.',
    'set -uo pipefail',
    'file="${1:?usage: $0 STATUS_FILE MAX_AGE_HOURS}"',
    'max_age_hours="${2:?usage: $0 STATUS_FILE MAX_AGE_HOURS}"',
    'if [ ! -r "$file" ]; then echo "CRITICAL: no run recorded yet ($file)"; exit 2; fi',
    'value() { sed -n "s/^  \\"$1\\": \\"\\{0,1\\}\\([^\\"]*\\)\\"\\{0,1\\},\\{0,1\\}$/\\1/p" "$file"; }',
    'result="$(value result)"',
    'time="$(value time)"',
    'message="$(value message)"',
    'age_hours=$(( ($(date +%s) - $(date -d "$time" +%s 2>/dev/null || echo 0)) / 3600 ))',
    'if [ "$result" != ok ]; then echo "CRITICAL: last run at $time failed: $message"; exit 2; fi',
    'if [ "$age_hours" -ge "$max_age_hours" ]; then echo "CRITICAL: last successful run is ${age_hours} h old ($time), more than ${max_age_hours} h"; exit 2; fi',
    'echo "OK: $time, $message"',
    'exit 0',
    '',
  ].join('\n');
}
