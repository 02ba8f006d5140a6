import { shellQuote } from '../shell';

export interface SystemUserSpec {
  user: string;
  group: string;
  home: string;
  shell: string;
}

/** The record of which of the user and the group this stack created. */
export function systemUserMarker(stateDir: string, user: string): string {
  return `${stateDir}/system-users/${user}`;
}

function names(stateDir: string, spec: Pick<SystemUserSpec, 'user' | 'group'>): string[] {
  return [`user=${shellQuote(spec.user)}`, `group=${shellQuote(spec.group)}`, `marker=${shellQuote(systemUserMarker(stateDir, spec.user))}`];
}

/**
 * Creates the group and the user when missing, each noted in the record before it is made, so that a
 * run cut short still knows. A user found on the host is left as it is; one the stack made follows
 * the declared group, home and shell.
 */
export function ensureSystemUserScript(stateDir: string, spec: SystemUserSpec): string[] {
  return [
    ...names(stateDir, spec),
    `home=${shellQuote(spec.home)}`,
    `shell=${shellQuote(spec.shell)}`,
    'install -d -m 0700 "$(dirname "$marker")"',
    'touch "$marker"',
    'if ! getent group "$group" >/dev/null; then',
    '  grep -qx group "$marker" || echo group >> "$marker"',
    '  groupadd --system "$group"',
    'fi',
    'if ! getent passwd "$user" >/dev/null; then',
    '  grep -qx user "$marker" || echo user >> "$marker"',
    '  useradd --system --gid "$group" --home-dir "$home" --no-create-home --shell "$shell" "$user"',
    'elif grep -qx user "$marker"; then',
    '  usermod --gid "$group" --home "$home" --shell "$shell" "$user"',
    'fi',
    'if [ ! -s "$marker" ]; then rm -f "$marker"; rmdir -p --ignore-fail-on-non-empty "$(dirname "$marker")" 2>/dev/null || true; fi',
  ];
}

/**
 * Removes what the record says the stack created. A group that another user has since taken as its
 * primary group is kept, with a note: removing it is not the stack's call any more.
 */
export function removeSystemUserScript(stateDir: string, spec: Pick<SystemUserSpec, 'user' | 'group'>): string[] {
  return [
    ...names(stateDir, spec),
    'if [ ! -e "$marker" ]; then exit 0; fi',
    'if grep -qx user "$marker" && getent passwd "$user" >/dev/null; then userdel "$user"; fi',
    'if grep -qx group "$marker" && getent group "$group" >/dev/null; then',
    '  groupdel "$group" || echo "the group $group is kept: something else uses it" >&2',
    'fi',
    'rm -f "$marker"',
    'rmdir -p --ignore-fail-on-non-empty "$(dirname "$marker")" 2>/dev/null || true',
  ];
}
