import { shellQuote } from '../shell';

const BOOLEAN = /^[a-z][a-z0-9_]*$/;

/** Problems with boolean names, naming each. */
export function booleanProblems(booleans: readonly string[]): string[] {
  return booleans.flatMap((name, index) => (BOOLEAN.test(name) ? [] : [`booleans[${index}]: "${name}" is not an SELinux boolean name`]));
}

/** The booleans an earlier run switched on (its stdout). */
const RECORDED = 'mapfile -t recorded < <(printf "%s\\n" "${PULUMI_COMMAND_STDOUT:-}" | grep -E "^[a-z][a-z0-9_]*$" || true)';
const ONE_OF = 'one_of() { local value="$1" item; shift; for item in "$@"; do [ "$item" != "$value" ] || return 0; done; return 1; }';
const SELINUX_OFF =
  'if ! command -v getenforce >/dev/null 2>&1 || [ "$(getenforce)" = Disabled ]; then echo "SELinux is disabled: no boolean to set" >&2; exit 0; fi';

/**
 * Switches the booleans on, persistently (`setsebool -P`), those it switched on and no longer wants
 * back off; prints the ones it switched on, so that destroy switches exactly those off again.
 */
export function enableBooleansScript(booleans: readonly string[]): string[] {
  return [
    RECORDED,
    ONE_OF,
    SELINUX_OFF,
    `wanted=(${booleans.map(shellQuote).join(' ')})`,
    'ours=()',
    'for b in ${wanted[@]+"${wanted[@]}"}; do',
    '  state="$(getsebool "$b")"',
    '  if [ "${state##* }" = on ]; then',
    '    if one_of "$b" ${recorded[@]+"${recorded[@]}"}; then ours+=("$b"); fi',
    '  else',
    '    setsebool -P "$b" on',
    '    ours+=("$b")',
    '  fi',
    'done',
    'for b in ${recorded[@]+"${recorded[@]}"}; do',
    '  if ! one_of "$b" ${wanted[@]+"${wanted[@]}"}; then setsebool -P "$b" off; fi',
    'done',
    'printf "%s\\n" ${ours[@]+"${ours[@]}"}',
  ];
}

/** Switches off the booleans this resource switched on. */
export function disableBooleansScript(): string[] {
  return [RECORDED, SELINUX_OFF, 'for b in ${recorded[@]+"${recorded[@]}"}; do setsebool -P "$b" off; done'];
}
