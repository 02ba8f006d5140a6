import { shellQuote } from '@hastack/host';

export interface ReleaseScriptOptions {
  /** Where the releases live; the new one goes to `<releasesDir>/<digest>`. */
  releasesDir: string;
  /** The document root: a symlink switched to the new release. */
  documentRoot: string;
  /** The release's content digest (`appDigest`). */
  digest: string;
  /** Releases kept, the live one included. */
  keep: number;
  /** The web server's config test, run before the switch. */
  configTest: string;
  /** Must succeed before the switch; runs with RELEASE_DIR set to the new release's folder. */
  releaseCheck: string;
}

/**
 * Unpacks the release (a tar stream on stdin) into `<releasesDir>/<digest>` unless it is already there,
 * checks the web server's config and the new release, and only then points the document root at it: a
 * symlink made under a temporary name and renamed over the old one (`mv -T`, one rename, so a request
 * sees the old release or the new one, never neither). A failed check exits non-zero with the reason and
 * leaves the old symlink. Keeps the newest `keep` releases, the live one always.
 */
export function renderReleaseScript(options: ReleaseScriptOptions): string[] {
  const { releasesDir, documentRoot, digest, keep, configTest, releaseCheck } = options;
  if (!/^[0-9a-f]{8,64}$/.test(digest)) throw new Error(`release: digest "${digest}" is not a hex digest`);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`release: keep ${keep} must be at least 1`);
  const releases = shellQuote(releasesDir);
  const root = shellQuote(documentRoot);
  return [
    `releases=${releases}`,
    `new=${shellQuote(`${releasesDir}/${digest}`)}`,
    `root=${root}`,
    'mkdir -p "$releases"',
    'if [ ! -d "$new" ]; then',
    '  incoming="$(mktemp -d "$releases/.incoming.XXXXXX")"',
    '  trap \'rm -rf "$incoming"\' EXIT',
    '  tar -x --no-same-owner -C "$incoming" -f -',
    '  chmod 0755 "$incoming"',
    '  mv -T "$incoming" "$new"',
    'fi',
    `if ! output="$(${configTest} 2>&1)"; then printf 'release ${digest} refused: the web server config test failed:\\n%s\\n' "$output" >&2; exit 1; fi`,
    `if ! output="$(RELEASE_DIR="$new" bash -c ${shellQuote(releaseCheck)} 2>&1)"; then printf 'release ${digest} refused: its check failed:\\n%s\\n' "$output" >&2; exit 1; fi`,
    // The distribution's document root is a real folder: kept aside once, for destroy to put back.
    'if [ -d "$root" ] && [ ! -L "$root" ]; then mv -T "$root" "$releases/.original"; fi',
    'if [ "$(readlink "$root" || true)" != "$new" ]; then',
    '  ln -sfn "$new" "$root.hastack-next"',
    '  mv -T "$root.hastack-next" "$root"',
    'fi',
    `find "$releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' ! -path "$new" -printf '%T@ %p\\n' | sort -rn | tail -n +${keep} | cut -d' ' -f2- | xargs -r rm -rf --`,
    'echo "$new"',
  ];
}
