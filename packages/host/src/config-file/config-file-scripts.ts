import { shellQuote } from '../shell';
import { stackStateDir } from './host-names';

/**
 * Where what a file was before a stack first wrote it is remembered, to put back on destroy: in the
 * stack's own folder, so that a second stack writing the same file keeps the first one's version as its
 * original.
 */
export function originalsDir(stack: string): string {
  return `${stackStateDir(stack)}/originals`;
}

/**
 * The copy of the file found by the first write, or the mark that there was none. The mark makes a first
 * write that runs again (after an interrupted deployment) take the file it wrote itself for what it
 * replaces: destroy removes it.
 */
function remembered(originals: string, path: string): { kept: string; absent: string } {
  return { kept: `${originals}/files${path}`, absent: `${originals}/absent${path}` };
}

const parent = (path: string) => path.slice(0, path.lastIndexOf('/'));

/** Drops what the store remembers of a path, and the folders that leaves empty. */
function forget(kept: string, absent: string): string[] {
  return [
    `rm -f ${shellQuote(kept)} ${shellQuote(absent)}`,
    ...[kept, absent].map((mark) => `rmdir -p --ignore-fail-on-non-empty ${shellQuote(parent(mark))} 2>/dev/null || true`),
  ];
}

export interface FileOwnership {
  owner: string;
  group: string;
  mode: string;
}

export interface WriteFileOptions {
  /** Absolute path of the file. */
  path: string;
  ownership: FileOwnership;
  /** bash run with the new file in place and its path in $CONFIG_FILE; a failure puts the old file back. */
  validate?: string;
  /** How a refusal names the check (the check's text by default). */
  validateLabel?: string;
  /** The stack's originals store, where the first write keeps the file it replaces. */
  originals: string;
  /** The first write of this path: keep any file already there, for destroy to restore. */
  firstWrite: boolean;
  /**
   * Run the check on unchanged content too: for a check that also applies the file (`sysctl -p`), so that
   * a write interrupted between the move and the check is applied when it runs again.
   */
  checkUnchanged?: boolean;
  /** The caller already holds the folder's lock (a set of files locks all its folders first). */
  lockHeld?: boolean;
  /** The unit that reads the file, reloaded when an update puts back content changed by hand (drift). */
  reloadOnRestore?: string;
}

/**
 * Takes an exclusive lock on each folder the paths are in, for as long as the script runs, in one order
 * so that two scripts never wait on each other. A deployment killed half-way can leave its write running
 * on the host (ssh without a terminal does not stop it); the write that runs again waits for it instead
 * of racing it for the file, its temporary copies and the record of the original.
 */
export function folderLocksScript(paths: readonly string[]): string[] {
  const folders = [...new Set(paths.map((path) => parent(path) || '/'))].sort();
  return folders.flatMap((folder) => [
    `install -d -m 0755 ${shellQuote(folder)}`,
    `exec {lock}<${shellQuote(folder)}`,
    `flock -w 600 "$lock" || { echo ${shellQuote(`another write in ${folder} held its lock for 10 minutes`)} >&2; exit 1; }`,
  ]);
}

/**
 * Writes the content read on stdin to `path` atomically. With a `validate` command, the new file is put
 * in place, checked (the daemon checks its whole configuration, includes and all), and the previous
 * file restored if the check fails, so a refused config never replaces a working one. The check's own
 * output is the error. Owner, group and mode are applied whether or not the content changed: asking
 * for 0600 on a 0644 file of the same text must not leave it 0644.
 */
export function writeFileScript(options: WriteFileOptions): string[] {
  const { path, ownership, validate } = options;
  const { kept, absent } = remembered(options.originals, path);
  const owner = shellQuote(`${ownership.owner}:${ownership.group}`);
  const mode = shellQuote(ownership.mode);
  return [
    `path=${shellQuote(path)}`,
    ...(options.lockHeld ? ['install -d -m 0755 "$(dirname "$path")"'] : folderLocksScript([path])),
    'candidate="$(mktemp "$path.hastack-candidate.XXXXXX")"',
    'previous="$(mktemp "$path.hastack-previous.XXXXXX")"',
    'trap \'rm -f "$candidate" "$previous"\' EXIT',
    'cat > "$candidate"',
    `chown ${owner} "$candidate"`,
    `chmod ${mode} "$candidate"`,
    'remembered_now=false',
    ...(options.firstWrite
      ? [
          `if [ ! -e ${shellQuote(kept)} ] && [ ! -e ${shellQuote(absent)} ]; then`,
          '  if [ -e "$path" ]; then',
          `    install -d -m 0700 ${shellQuote(parent(kept))}`,
          `    cp -p "$path" ${shellQuote(kept)}`,
          '  else',
          `    install -d -m 0700 ${shellQuote(parent(absent))}`,
          `    touch ${shellQuote(absent)}`,
          '  fi',
          '  remembered_now=true',
          'fi',
        ]
      : []),
    'replaced=false',
    'if [ -e "$path" ] && cmp -s "$candidate" "$path"; then',
    `  chown ${owner} "$path"`,
    `  chmod ${mode} "$path"`,
    'else',
    '  had_previous=false',
    '  if [ -e "$path" ]; then cp -p "$path" "$previous"; had_previous=true; fi',
    '  mv -f "$candidate" "$path"',
    '  replaced=true',
    'fi',
    ...(validate
      ? [
          `if ${options.checkUnchanged ? 'true' : '$replaced'} && ! report="$(CONFIG_FILE="$path" bash -c ${shellQuote(validate)} 2>&1)"; then`,
          '  if $replaced; then',
          '    if $had_previous; then mv -f "$previous" "$path"; else rm -f "$path"; fi',
          '  fi',
          '  if $remembered_now; then',
          ...forget(kept, absent).map((line) => `    ${line}`),
          '  fi',
          `  printf '%s was refused by %s; the previous file stays in place:\\n%s\\n' "$path" ${shellQuote(options.validateLabel ?? validate)} "$report" >&2`,
          '  exit 1',
          'fi',
        ]
      : []),
    ...(options.reloadOnRestore ? reloadOnRestoreScript(options.reloadOnRestore, '$replaced') : []),
  ];
}

/**
 * Reloads `unit`, when it runs, after an update that undid drift (`$HASTACK_DRIFT` set) and `replaced`
 * (a shell condition) says content was put back. A planned change reloads through the service's triggers;
 * content put back after a hand edit does not change them, and the daemon may be running what the edit said.
 */
export function reloadOnRestoreScript(unit: string, replaced: string): string[] {
  return [
    `if [ -n "\${HASTACK_DRIFT:-}" ] && ${replaced} && systemctl is-active --quiet ${shellQuote(unit)}; then`,
    `  systemctl reload-or-restart ${shellQuote(unit)}`,
    'fi',
  ];
}

/** What `fileDriftProbe` prints after a file's path when the file's content is not the deployed one. */
export const CONTENT_DRIFT = { missing: 'missing', differs: 'content differs from the deployed file' } as const;

/**
 * The drift probe of a written file (see `hostCommand`): prints, one line each, that the file is missing,
 * that its content is not the text on stdin, or that its owner or mode changed (when `ownership` says which
 * they should be). It never prints content.
 */
export function fileDriftProbe(path: string, ownership?: FileOwnership): string[] {
  return [
    `path=${shellQuote(path)}`,
    'if [ ! -e "$path" ]; then',
    `  printf '%s: ${CONTENT_DRIFT.missing}\\n' "$path"`,
    '  cat >/dev/null',
    'else',
    `  cmp -s - "$path" || printf '%s: ${CONTENT_DRIFT.differs}\\n' "$path"`,
    ...(ownership ? ownershipDriftProbe(ownership) : []),
    'fi',
  ];
}

function ownershipDriftProbe(ownership: FileOwnership): string[] {
  const owner = `${ownership.owner}:${ownership.group}`;
  const mode = ownership.mode.padStart(4, '0');
  return [
    '  owner="$(stat -c %U:%G "$path")"',
    `  [ "$owner" = ${shellQuote(owner)} ] || printf '%s: owner %s, deployed %s\\n' "$path" "$owner" ${shellQuote(owner)}`,
    '  mode="$(printf %04o "$((8#$(stat -c %a "$path")))")"',
    `  [ "$mode" = ${shellQuote(mode)} ] || printf '%s: mode %s, deployed %s\\n' "$path" "$mode" ${shellQuote(mode)}`,
  ];
}

/**
 * Removes the file, or puts back what was there before the stack managed it. A folder the removal
 * leaves empty goes too, so that one the write created does not outlive it (package managers accept a
 * folder of theirs already gone).
 */
export function removeFileScript(path: string, originals: string): string[] {
  const { kept, absent } = remembered(originals, path);
  return [
    `if [ -e ${shellQuote(kept)} ]; then mv -f ${shellQuote(kept)} ${shellQuote(path)}; else rm -f ${shellQuote(path)}; fi`,
    `rmdir --ignore-fail-on-non-empty ${shellQuote(parent(path))} 2>/dev/null || true`,
    ...forget(kept, absent),
  ];
}
