import { shellQuote } from '@hastack/host';

/** How a host leaves the directors' pool before its switch and rejoins it after (see `renderPoolWaits`). */
export interface ReleaseDrain {
  /** The drain flag: while it exists the host's health URL answers 503. */
  flag: string;
  /** Sets the flag and waits until the directors took the host out and its open connections finished. */
  leave: string;
  /** Removes the flag and waits until the directors took the host back. */
  rejoin: string;
  /** Defines `served_elsewhere`, which succeeds while another member of the pool answers its health URL with 200. */
  servedElsewhere: string;
}

export interface ReleaseScriptOptions {
  /** Where the releases live; the new one goes to `<releasesDir>/<digest>`. */
  releasesDir: string;
  /** The document root: a symlink switched to the new release. */
  documentRoot: string;
  /** The release's content digest (`appDigest`). */
  digest: string;
  /** Releases kept, the live one included: at least 1 (`validateAppReleaseArgs`). */
  keep: number;
  /** The web server's config test, run before the switch. */
  configTest: string;
  /** Must succeed before the switch; runs with RELEASE_DIR and RELEASE_NAME (the digest) set. */
  releaseCheck: string;
  /** Makes the web server drop what it cached of the old release (PHP's realpath and opcode caches). */
  reload: string;
  /** Must succeed once the release is live (it is retried for `liveCheckSeconds`); else the old release comes back. */
  liveCheck: string;
  /** How long the live release may take to pass its check (10 s). */
  liveCheckSeconds?: number;
  /** Leaving the pool around the switch; none where no director balances the host. */
  drain?: ReleaseDrain;
}

/**
 * One release or removal at a time on a host, locked on the releases' folder: one left going by a killed
 * deployment (its SSH session gone, the remote script not) finishes before the retry starts.
 */
const releaseLock = ['exec 9<"$releases"', `flock -w 900 9 || { echo 'another release on this host held its lock for 15 minutes' >&2; exit 1; }`];

/**
 * Unpacks the release (a base64 tar.gz on stdin) into `<releasesDir>/<digest>` unless it is already
 * there (root's, writable by root alone, no set-id bit, nothing but files and folders), checks the web
 * server's config and the new release in place, and only then switches: out of the pool (unless it is
 * the host's first release, or an operator drained it already), the document root pointed at the release
 * by one rename (`mv -T`), the web server reloaded, the live release checked (the old one put back if it
 * fails), back into the pool. Any failure exits non-zero with the reason and
 * leaves the old release serving. Keeps the newest `keep` releases, the live one always.
 */
export function renderReleaseScript(options: ReleaseScriptOptions): string[] {
  const { releasesDir, documentRoot, digest, keep, configTest, releaseCheck, reload, liveCheck, drain } = options;
  if (!/^[0-9a-f]{8,64}$/.test(digest)) throw new Error(`release: digest "${digest}" is not a hex digest`);
  const refuse = (why: string) => `{ printf 'release ${digest} refused: ${why}:\\n%s\\n' "$output" >&2; exit 1; }`;
  return [
    `releases=${shellQuote(releasesDir)}`,
    `new=${shellQuote(`${releasesDir}/${digest}`)}`,
    `root=${shellQuote(documentRoot)}`,
    'mkdir -p "$releases"',
    ...releaseLock,
    'if [ ! -d "$new" ]; then',
    '  incoming="$(mktemp -d "$releases/.incoming.XXXXXX")"',
    '  trap \'rm -rf "$incoming"\' EXIT',
    // Fresh times: PHP's opcode cache tells a changed file by its time. The archive's owners are not kept: root's.
    '  base64 -d | tar -xz --no-same-owner --touch -C "$incoming"',
    // Nor anything else appBundle would not ship: a link could point out of the release, and as root tar makes
    // devices; a mode may let the web server's user change the application, or be set-id.
    '  output="$(find "$incoming" -mindepth 1 ! -type f ! -type d -printf \'%P\\n\' -quit)"',
    `  if [ -n "$output" ]; then ${refuse('it holds something other than files and folders')}; fi`,
    '  chmod -R u+rw,go-w,ug-s,a-t "$incoming"',
    '  chmod 0755 "$incoming"',
    '  mv -T "$incoming" "$new"',
    '  trap - EXIT',
    'fi',
    `output="$(${configTest} 2>&1)" || ${refuse('the web server config test failed')}`,
    `output="$(RELEASE_DIR="$new" RELEASE_NAME=${digest} bash -c ${shellQuote(releaseCheck)} 2>&1)" || ${refuse('its check failed')}`,
    'live="$(readlink "$root" || true)"',
    'if [ "$live" != "$new" ]; then',
    ...(drain
      ? [
          `  flag=${shellQuote(drain.flag)}`,
          // An operator's drain is theirs to end; a first release has no traffic to move.
          '  drained=""',
          '  if [ -n "$live" ] && [ ! -e "$flag" ]; then',
          `    ${drain.servedElsewhere}`,
          // Leaving would empty the pool: the graceful reload switches the host while it serves.
          '    if served_elsewhere; then',
          '      drained=1',
          '      trap \'rm -f "$flag"; rmdir -p --ignore-fail-on-non-empty "$(dirname "$flag")" 2>/dev/null || true\' EXIT',
          `      ${drain.leave}`,
          '    else',
          `      echo ${shellQuote('no other member of the pool serves: the host switches without leaving it')} >&2`,
          '    fi',
          '  fi',
        ]
      : []),
    // The distribution's document root is a real folder: kept aside once, for destroy to put back.
    '  if [ -d "$root" ] && [ ! -L "$root" ]; then mv -T "$root" "$releases/.original"; fi',
    '  ln -sfn "$new" "$root.hastack-next"',
    '  mv -T "$root.hastack-next" "$root"',
    `  ${reload}`,
    '  checked=""',
    `  for _ in $(seq ${(options.liveCheckSeconds ?? 10) * 2}); do`,
    `    if output="$(bash -c ${shellQuote(liveCheck)} 2>&1)"; then checked=1; break; fi`,
    '    sleep 0.5',
    '  done',
    '  if [ -z "$checked" ]; then',
    '    if [ -n "$live" ]; then ln -sfn "$live" "$root.hastack-next"; mv -T "$root.hastack-next" "$root"; fi',
    `    ${reload}`,
    `    ${refuse('it failed its check once live, and the previous release serves again')}`,
    '  fi',
    ...(drain ? ['  if [ -n "$drained" ]; then', `    ${drain.rejoin}`, '    trap - EXIT', '  fi'] : []),
    'fi',
    `find "$releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' ! -path "$new" -printf '%T@ %p\\n' | sort -rn | tail -n +${keep} | cut -d' ' -f2- | xargs -r rm -rf --`,
    `echo ${shellQuote(`live ${digest}`)}`,
  ];
}

/**
 * The drift probe of a release (see `hostCommand`): the document root still links to the release's folder,
 * which is still there (a hotfix in place, a link switched by hand).
 */
export function renderReleaseDriftProbe(options: Pick<ReleaseScriptOptions, 'releasesDir' | 'documentRoot' | 'digest'>): string[] {
  const release = `${options.releasesDir}/${options.digest}`;
  return [
    `live="$(readlink ${shellQuote(options.documentRoot)} || true)"`,
    `[ "$live" = ${shellQuote(release)} ] || printf '%s: links to %s, deployed release %s\\n' ${shellQuote(options.documentRoot)} "\${live:-nothing}" ${shellQuote(options.digest)}`,
    `[ -d ${shellQuote(release)} ] || echo ${shellQuote(`${release}: missing`)}`,
  ];
}

/** Puts the distribution's document root back and removes every release. */
export function renderReleasesRemovalScript(options: Pick<ReleaseScriptOptions, 'releasesDir' | 'documentRoot' | 'reload'>): string[] {
  return [
    `releases=${shellQuote(options.releasesDir)}`,
    `root=${shellQuote(options.documentRoot)}`,
    'if [ -d "$releases" ]; then',
    ...releaseLock.map((line) => `  ${line}`),
    'fi',
    'if [ -L "$root" ]; then rm -f "$root"; fi',
    'if [ -d "$releases/.original" ] && [ ! -e "$root" ]; then mv -T "$releases/.original" "$root"; fi',
    'rm -rf -- "$releases"',
    `${options.reload} || true`,
  ];
}
