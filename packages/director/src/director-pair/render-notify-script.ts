/** Where each director records its VRRP state, for status reports and the monitoring tier's checks. */
export const VRRP_STATE_DIR = '/run/hastack';

/**
 * keepalived's notify hook: `notify <INSTANCE|GROUP> <name> <MASTER|BACKUP|FAULT|STOP> <priority>`.
 * It records the state in a file and in the journal, which is what alerting reads.
 */
export function renderNotifyScript(): string {
  return [
    '#!/bin/sh',
    '# Rendered by hastack (director tier).',
    'set -eu',
    `mkdir -p ${VRRP_STATE_DIR}`,
    `printf '%s\\n' "$3" > "${VRRP_STATE_DIR}/vrrp-$2.state"`,
    'logger -t hastack-vrrp "instance $2 is now $3 (priority ${4:-?})"',
    '',
  ].join('\n');
}

/**
 * `keepalived -t` for a candidate file. Debian 12's keepalived 2.2.7 can end a clean check with its own
 * SIGTERM (exit 143) when script security is on (fixed in 2.2.8), so 143 without any reported
 * configuration line counts as a pass.
 */
export function keepalivedConfigTest(): string {
  return [
    'report="$(keepalived -t -l -f "$CONFIG_FILE" 2>&1)" && exit 0 || status=$?',
    'if [ "$status" -eq 143 ] && ! printf "%s\\n" "$report" | grep -q "Line [0-9]"; then exit 0; fi',
    'printf "%s\\n" "$report"',
    'exit "$status"',
  ].join('\n');
}
