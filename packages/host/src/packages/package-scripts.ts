import type { OsProfile } from '../os-profile';
import { shellQuote } from '../shell';

const NAME = '[A-Za-z0-9][A-Za-z0-9_+.:-]*';
const VERSION = '[A-Za-z0-9.+~:^_-]+';

/**
 * The packages a previous run installed, from its record (its stdout, in PULUMI_COMMAND_STDOUT): the
 * names of its `installed <name>=<version>` lines, and the bare names of a record written before versions
 * were kept. Any other line is dropped, so nothing but a package name can reach the package manager.
 */
const RECORDED = `mapfile -t recorded < <(printf "%s\\n" "\${PULUMI_COMMAND_STDOUT:-}" | sed -nE 's/^installed (${NAME})=${VERSION}$/\\1/p; t; s/^(${NAME})$/\\1/p')`;

/** Waits for any other install or removal of the stack on this host (see `PackageManager.stateDir`). */
function oneAtATime(profile: OsProfile): string[] {
  return [
    `exec {packages_lock}<${shellQuote(profile.packageManager.stateDir)}`,
    'flock -w 900 "$packages_lock" || { echo "another package install on this host held its lock for 15 minutes" >&2; exit 1; }',
  ];
}

/**
 * Installs what is missing and prints the record of the packages this resource stands for, sorted:
 * `installed <name>=<version>` for each it installed, the dependencies the package manager pulled in
 * included (found by comparing the installed packages before and after), so that removal takes exactly
 * those; `present <name>=<version>` for each asked for that was there already. A new version of any of
 * them changes the record, so services restart on an upgrade as on a new package. The list from before
 * an install is kept on the host until the record is printed: an install interrupted half-way and run
 * again still counts what the first attempt added. The package manager's own output goes to stderr.
 */
export function installScript(profile: OsProfile, names: readonly string[], repositorySetup: readonly string[], beforeInstall: string): string[] {
  const manager = profile.packageManager;
  return [
    ...oneAtATime(profile),
    `set -- ${names.map(shellQuote).join(' ')}`,
    RECORDED,
    `before=${shellQuote(beforeInstall)}`,
    'now="$(mktemp)"; wanted="$(mktemp)"; mine="$(mktemp)"',
    'trap \'rm -f "$now" "$wanted" "$mine" "$before.new"\' EXIT',
    'missing=()',
    `for package in "$@"; do ( set -- "$package"; ${manager.isInstalled} ) || missing+=("$package"); done`,
    'if ((${#missing[@]})); then',
    '  if [ ! -s "$before" ]; then',
    '    install -d -m 0700 "$(dirname "$before")"',
    `    { ${manager.listInstalled}; } | sort -u > "$before.new"`,
    '    mv -f "$before.new" "$before"',
    '  fi',
    ...repositorySetup.map((line) => `  { ${line}; } >&2`),
    '  set -- "${missing[@]}"',
    `  { ( ${manager.install} ) || { ${manager.refresh}; ${manager.install}; }; } >&2`,
    `  set -- ${names.map(shellQuote).join(' ')}`,
    'fi',
    `{ ${manager.listInstalled}; } | sort -u > "$now"`,
    'printf "%s\\n" "$@" > "$wanted"',
    'printf "%s\\n" "${recorded[@]}" | sed "/^$/d" > "$mine"',
    'if [ -s "$before" ]; then comm -13 <(cut -d = -f 1 "$before" | sort -u) <(cut -d = -f 1 "$now" | sort -u) >> "$mine"; fi',
    "awk -F = 'FILENAME == ARGV[1] { mine[$1] = 1; next } FILENAME == ARGV[2] { wanted[$1] = 1; next }",
    '  ($1 in mine) { print "installed " $0; next } ($1 in wanted) { print "present " $0 }\' "$mine" "$wanted" "$now"',
    'rm -f "$before"',
    'rmdir -p --ignore-fail-on-non-empty "$(dirname "$before")" 2>/dev/null || true',
  ];
}

/** The drift probe of a set of packages (see `hostCommand`): a line for each that is no longer installed. */
export function packagesDriftProbe(profile: OsProfile, names: readonly string[]): string[] {
  return [
    `for package in ${names.map(shellQuote).join(' ')}; do`,
    `  ( set -- "$package"; ${profile.packageManager.isInstalled} ) || printf 'package %s: not installed\\n' "$package"`,
    'done',
  ];
}

/** Removes, of the packages the record says were installed, those nothing else needs (see `PackageManager.remove`). */
export function removeScript(profile: OsProfile): string[] {
  return [...oneAtATime(profile), RECORDED, 'set -- "${recorded[@]}"', 'if (($#)); then', '{', profile.packageManager.remove, '} >&2', 'fi'];
}
