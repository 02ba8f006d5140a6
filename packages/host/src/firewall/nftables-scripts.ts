import { fileDriftProbe } from '../config-file/config-file-scripts';
import { shellQuote } from '../shell';
import { NFT_TABLE, NftablesPaths } from './render-nftables';

/**
 * The folder's lock, held until the script ends, so that the base and the tiers' fragments, written by
 * commands that run in parallel, never compose a ruleset from each other's half-written files. `$dir` is
 * the folder.
 */
function lock(paths: NftablesPaths): string[] {
  return [
    'install -d -m 0755 "$dir"',
    'exec {lock}<"$dir"',
    `flock -w 600 "$lock" || { echo ${shellQuote(`another change of ${paths.dir} held its lock for 10 minutes`)} >&2; exit 1; }`,
  ];
}

/**
 * A scratch folder and two helpers. `compose BASE FRAGMENT...` prints the ruleset the unit loads: the
 * base, then each fragment. `check FILE` is nft's own check of a candidate, which changes nothing, and on
 * a refusal prints nft's message and stops.
 */
function scratch(hostName: string): string[] {
  return [
    // The fragments compose in one order, whatever the host's locale.
    'export LC_ALL=C',
    'shopt -s nullglob',
    'work="$(mktemp -d "$dir/.work.XXXXXX")"',
    'trap \'rm -rf "$work"\' EXIT',
    'compose() { local fragment; cat "$1"; shift; for fragment in "$@"; do printf "\\n# rules.d/%s\\n" "${fragment##*/}"; cat "$fragment"; done; }',
    'check() {',
    '  local report',
    '  if ! report="$(nft -c -f "$1" 2>&1)"; then',
    `    printf 'host %s: nft refused the firewall ruleset; nothing changed:\\n%s\\n' ${shellQuote(hostName)} "$report" >&2`,
    '    exit 1',
    '  fi',
    '}',
  ];
}

/** Removes the firewall's folders when nothing is left in them (a fragment another stack left keeps them). */
const REMOVE_EMPTY_FOLDERS = 'rmdir --ignore-fail-on-non-empty "$dir/rules.d" "$dir" "$(dirname "$dir")" 2>/dev/null || true';

/** The installed fragments, copied to the scratch folder, where a candidate takes its place before the check. */
const CANDIDATE_FRAGMENTS = [
  'install -d -m 0755 "$dir/rules.d" "$work/rules.d"',
  'for fragment in "$dir"/rules.d/*.nft; do cp -p "$fragment" "$work/rules.d/"; done',
];

/** A table with the base's chain and nothing in it: what a fragment is checked against before the base is there. */
const EMPTY_TABLE = `table ${NFT_TABLE} {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}`;

/** The checked ruleset in place and loaded: one transaction that replaces the table. */
// What the table lists once loaded is kept: the drift probe compares the live table with it.
const ACTIVATE = ['mv -f "$work/ruleset.nft" "$dir/ruleset.nft"', 'nft -f "$dir/ruleset.nft"', `nft list table ${NFT_TABLE} > "$dir/ruleset.listed"`];

/**
 * Refuses, before anything changes, a base that would lock the deployment out: the address the host sees
 * this SSH session come from (the deploying machine, or its bastion), the first field of `$SSH_CLIENT`,
 * must lie in one of the admin sources. Nothing to refuse when any source may reach SSH.
 */
export function sshGuardScript(hostName: string, adminSources: readonly string[]): string[] {
  if (adminSources.length === 0) return [];
  return [
    `admins=(${adminSources.map(shellQuote).join(' ')})`,
    'client="${SSH_CLIENT:-}"',
    'client="${client%% *}"',
    // sshd on a dual-stack socket names an IPv4 peer in its mapped form.
    'client="${client#::ffff:}"',
    'ipv4_number() { local IFS=. a b c d; read -r a b c d <<< "$1"; echo $(((10#$a << 24) | (10#$b << 16) | (10#$c << 8) | 10#$d)); }',
    // in_network ADDRESS NETWORK: whether the address lies in the network, given as an address or a CIDR.
    'in_network() {',
    '  local bits=32 mask',
    '  if [[ "$2" == */* ]]; then bits="${2#*/}"; fi',
    '  mask=$((bits ? (0xffffffff << (32 - bits)) & 0xffffffff : 0))',
    '  (( ($(ipv4_number "$1") & mask) == ($(ipv4_number "${2%/*}") & mask) ))',
    '}',
    "ipv4='^[0-9]{1,3}([.][0-9]{1,3}){3}$'",
    'allowed=false',
    'if [[ "$client" =~ $ipv4 ]]; then',
    '  for admin in "${admins[@]}"; do',
    '    if in_network "$client" "$admin"; then allowed=true; break; fi',
    '  done',
    'fi',
    'if ! $allowed; then',
    `  printf 'host %s: the firewall would refuse SSH from %s, the address this deployment connects from (the deploying machine or its bastion, as the host sees it), which is not among its admin sources (%s): add it to the admin list of the description; nothing changed\\n' ${shellQuote(hostName)} "\${client:-an unknown address (SSH_CLIENT is not set)}" ${shellQuote(adminSources.join(', '))} >&2`,
    '  exit 1',
    'fi',
  ];
}

export interface ApplyBaseOptions {
  paths: NftablesPaths;
  /** The host's name, for messages. */
  hostName: string;
  /** Who may reach SSH; empty for any source. */
  adminSources: readonly string[];
  /** The unit's text. */
  unit: string;
}

/**
 * Installs the base read on stdin and the unit that loads the ruleset at boot. The deployment's own
 * address is checked against the admin sources, and the base composed with the installed fragments is
 * checked by nft, before anything is moved in; then the ruleset replaces the table in one transaction and
 * the unit is enabled.
 */
export function applyBaseScript(options: ApplyBaseOptions): string[] {
  return [
    ...sshGuardScript(options.hostName, options.adminSources),
    `dir=${shellQuote(options.paths.dir)}`,
    ...lock(options.paths),
    ...scratch(options.hostName),
    `unit=${shellQuote(options.paths.unit)}`,
    'name="${unit##*/}"',
    'install -d -m 0755 "$dir/rules.d"',
    'cat > "$work/base.nft"',
    `printf '%s' ${shellQuote(options.unit)} > "$work/$name"`,
    'compose "$work/base.nft" "$dir"/rules.d/*.nft > "$work/ruleset.nft"',
    'check "$work/ruleset.nft"',
    'if ! report="$(systemd-analyze verify "$work/$name" 2>&1)"; then',
    `  printf 'host %s: systemd refused %s; nothing changed:\\n%s\\n' ${shellQuote(options.hostName)} "$name" "$report" >&2`,
    '  exit 1',
    'fi',
    'mv -f "$work/base.nft" "$dir/base.nft"',
    'if ! cmp -s "$work/$name" "$unit"; then',
    '  mv -f "$work/$name" "$unit"',
    '  systemctl daemon-reload',
    'fi',
    ...ACTIVATE,
    'systemctl enable --quiet "$name"',
    // Started, the unit is active: stopping it at shutdown or on destroy deletes the table.
    'systemctl is-active --quiet "$name" || systemctl start "$name"',
  ];
}

/**
 * Deletes the table and removes the unit and the files; fragments another stack left in `rules.d` stay,
 * with their folder.
 */
export function removeBaseScript(paths: NftablesPaths): string[] {
  return [
    `dir=${shellQuote(paths.dir)}`,
    'if [ -d "$dir" ]; then',
    ...lock(paths).map((line) => `  ${line}`),
    'fi',
    `unit=${shellQuote(paths.unit)}`,
    'name="${unit##*/}"',
    'if [ -e "$unit" ]; then',
    // Its stop deletes the table; a table someone else deleted already leaves it failed, which is no matter here.
    '  systemctl disable --now --quiet "$name" || true',
    '  rm -f "$unit"',
    '  systemctl daemon-reload',
    'fi',
    `if command -v nft >/dev/null 2>&1 && nft list table ${NFT_TABLE} >/dev/null 2>&1; then nft delete table ${NFT_TABLE}; fi`,
    'rm -f "$dir/base.nft" "$dir/ruleset.nft" "$dir/ruleset.listed"',
    REMOVE_EMPTY_FOLDERS,
  ];
}

/**
 * The drift probe of the base (see `hostCommand`): the base file against the text on stdin, and the live
 * table, which must be loaded and list what it listed when a deployment last loaded it (a rule added or
 * deleted by hand, a flushed table).
 */
export function baseDriftProbe(paths: NftablesPaths): string[] {
  return [
    `dir=${shellQuote(paths.dir)}`,
    ...fileDriftProbe(`${paths.dir}/base.nft`),
    `if ! live="$(nft list table ${NFT_TABLE} 2>/dev/null)"; then`,
    `  echo ${shellQuote(`nftables table ${NFT_TABLE}: not loaded`)}`,
    'elif [ -e "$dir/ruleset.listed" ] && [ "$live" != "$(cat "$dir/ruleset.listed")" ]; then',
    `  echo ${shellQuote(`nftables table ${NFT_TABLE}: its rules changed since a deployment loaded them`)}`,
    'fi',
  ];
}

/** The drift probe of a fragment (see `hostCommand`): its file in `rules.d` against the text on stdin. */
export function fragmentDriftProbe(options: FragmentScriptOptions): string[] {
  return fileDriftProbe(`${options.paths.dir}/rules.d/${options.fileName}`);
}

export interface FragmentScriptOptions {
  paths: NftablesPaths;
  /** The host's name, for messages. */
  hostName: string;
  /** The fragment's file name in `rules.d`, ending in `.nft`. */
  fileName: string;
}

/**
 * Installs the fragment read on stdin: the ruleset the host would load with it in place (the base, the
 * other fragments, this one) is checked by nft before the fragment is moved in, then loaded. Before the
 * base is there, the fragment is checked with the others on an empty table and left for the base to load.
 */
export function writeFragmentScript(options: FragmentScriptOptions): string[] {
  return [
    `dir=${shellQuote(options.paths.dir)}`,
    ...lock(options.paths),
    ...scratch(options.hostName),
    `file=${shellQuote(options.fileName)}`,
    ...CANDIDATE_FRAGMENTS,
    'cat > "$work/rules.d/$file"',
    // Before the base is loaded the fragment is checked on an empty table of ours, and the base loads it.
    `if [ -e "$dir/base.nft" ]; then base="$dir/base.nft"; else base="$work/empty.nft"; printf '%s\\n' ${shellQuote(EMPTY_TABLE)} > "$base"; fi`,
    'compose "$base" "$work"/rules.d/*.nft > "$work/ruleset.nft"',
    'check "$work/ruleset.nft"',
    'mv -f "$work/rules.d/$file" "$dir/rules.d/$file"',
    'if [ -e "$dir/base.nft" ]; then',
    ...ACTIVATE.map((line) => `  ${line}`),
    'fi',
  ];
}

/** Removes the fragment and, while the base is there, loads the ruleset without it (checked first). */
export function removeFragmentScript(options: FragmentScriptOptions): string[] {
  return [
    `dir=${shellQuote(options.paths.dir)}`,
    'if [ ! -d "$dir" ]; then exit 0; fi',
    ...lock(options.paths),
    `file=${shellQuote(options.fileName)}`,
    'if [ ! -e "$dir/base.nft" ]; then',
    '  rm -f "$dir/rules.d/$file"',
    `  ${REMOVE_EMPTY_FOLDERS}`,
    '  exit 0',
    'fi',
    ...scratch(options.hostName),
    ...CANDIDATE_FRAGMENTS,
    'rm -f "$work/rules.d/$file"',
    'compose "$dir/base.nft" "$work"/rules.d/*.nft > "$work/ruleset.nft"',
    'check "$work/ruleset.nft"',
    'rm -f "$dir/rules.d/$file"',
    ...ACTIVATE,
  ];
}
