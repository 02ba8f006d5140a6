import type { OsProfile } from '../os-profile';
import { shellQuote } from '../shell';

/**
 * Installs what is missing and prints, one per line, every package this resource has installed so far
 * (the previous run's list arrives in PULUMI_COMMAND_STDOUT), so that removal takes only those.
 */
export function installScript(profile: OsProfile, names: readonly string[], repositorySetup: readonly string[]): string[] {
  const manager = profile.packageManager;
  return [
    `set -- ${names.map(shellQuote).join(' ')}`,
    'missing=()',
    `for package in "$@"; do ( set -- "$package"; ${manager.isInstalled} ) || missing+=("$package"); done`,
    'if ((${#missing[@]})); then',
    ...repositorySetup.map((line) => `  ${line}`),
    '  set -- "${missing[@]}"',
    `  ( ${manager.install} ) || { ${manager.refresh}; ${manager.install}; }`,
    'fi',
    'printf "%s\\n" ${PULUMI_COMMAND_STDOUT:-} "${missing[@]}" | sort -u | sed "/^$/d"',
  ];
}

/** Removes exactly the packages an install recorded, leaving those that were there before. */
export function removeScript(profile: OsProfile): string[] {
  return ['set -- ${PULUMI_COMMAND_STDOUT:-}', `if (($#)); then ${profile.packageManager.remove}; fi`];
}
