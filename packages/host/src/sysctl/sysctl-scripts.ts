import { shellQuote } from '../shell';

const SAVED_DIR = '/var/lib/hastack/sysctl';

function locations(name: string): string[] {
  return [`file=${shellQuote(`/etc/sysctl.d/90-hastack-${name}.conf`)}`, `saved=${shellQuote(`${SAVED_DIR}/${name}.conf`)}`];
}

/**
 * Persists the settings read on stdin and applies them. The value each key had before the stack first
 * set it is kept, so that destroy puts the kernel back as it was.
 */
export function applySysctlScript(name: string): string[] {
  return [
    ...locations(name),
    `install -d -m 0700 ${shellQuote(SAVED_DIR)}`,
    'candidate="$(mktemp)"',
    'trap \'rm -f "$candidate"\' EXIT',
    'cat > "$candidate"',
    'touch "$saved"',
    'for key in $(sed -n "s/^\\([^#= ]*\\) *=.*/\\1/p" "$candidate"); do',
    '  grep -q "^$key = " "$saved" || printf "%s = %s\\n" "$key" "$(sysctl -n "$key")" >> "$saved"',
    'done',
    'install -m 0644 "$candidate" "$file"',
    'sysctl -q -p "$file"',
  ];
}

export function revertSysctlScript(name: string): string[] {
  return [
    ...locations(name),
    'rm -f "$file"',
    'if [ -s "$saved" ]; then sysctl -q -p "$saved"; fi',
    'rm -f "$saved"',
    `rmdir -p --ignore-fail-on-non-empty ${shellQuote(SAVED_DIR)} 2>/dev/null || true`,
  ];
}
