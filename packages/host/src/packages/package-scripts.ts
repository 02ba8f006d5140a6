import type { OsProfile } from '../os-profile';
import { shellQuote } from '../shell';

/**
 * The packages a previous run recorded (its stdout, in PULUMI_COMMAND_STDOUT), one name a line; any line
 * that is not a package name is dropped, so nothing but a name can reach the package manager.
 */
const RECORDED = 'mapfile -t recorded < <(printf "%s\\n" "${PULUMI_COMMAND_STDOUT:-}" | grep -E "^[a-z0-9][a-z0-9+.:-]*$" || true)';

/**
 * Installs what is missing and prints, one per line, every package this resource has installed so far,
 * so that removal takes only those. The package manager's own output goes to stderr.
 */
export function installScript(profile: OsProfile, names: readonly string[], repositorySetup: readonly string[]): string[] {
  const manager = profile.packageManager;
  return [
    `set -- ${names.map(shellQuote).join(' ')}`,
    RECORDED,
    'missing=()',
    `for package in "$@"; do ( set -- "$package"; ${manager.isInstalled} ) || missing+=("$package"); done`,
    'if ((${#missing[@]})); then',
    ...repositorySetup.map((line) => `  { ${line}; } >&2`),
    '  set -- "${missing[@]}"',
    `  { ( ${manager.install} ) || { ${manager.refresh}; ${manager.install}; }; } >&2`,
    'fi',
    'printf "%s\\n" "${recorded[@]}" "${missing[@]}" | sed "/^$/d" | sort -u',
  ];
}

/** Removes exactly the packages an install recorded, leaving those that were there before. */
export function removeScript(profile: OsProfile): string[] {
  return [RECORDED, 'set -- "${recorded[@]}"', `if (($#)); then ${profile.packageManager.remove} >&2; fi`];
}
