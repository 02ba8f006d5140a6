import { systemdEscapePath } from '../network-mount/systemd-escape';
import { shellQuote } from '../shell';

/** The record of whether the stack created `path` (and which folders above it) or found it there. */
export function directoryMarker(stateDir: string, path: string): string {
  return `${stateDir}/directories/${systemdEscapePath(path)}`;
}

export interface DirectorySpec {
  path: string;
  owner: string;
  group: string;
  mode: string;
}

/**
 * Creates the folder (and missing parents) with owner and mode, or applies them to the one found. The
 * record is written before anything is made, so that a run cut short still knows, when run again,
 * that the folders it finds are its own.
 */
export function ensureDirectoryScript(stateDir: string, spec: DirectorySpec): string[] {
  return [
    `path=${shellQuote(spec.path)}`,
    `marker=${shellQuote(directoryMarker(stateDir, spec.path))}`,
    'if [ -e "$path" ] && [ ! -d "$path" ]; then echo "$path exists and is not a folder" >&2; exit 1; fi',
    'if [ ! -e "$marker" ]; then',
    '  install -d -m 0700 "$(dirname "$marker")"',
    '  if [ -d "$path" ]; then',
    '    stat -c "existed %u:%g %a" "$path" > "$marker.new"',
    '  else',
    '    missing=() p="$path"',
    '    while [ ! -e "$p" ]; do missing=("$p" "${missing[@]}"); p="$(dirname "$p")"; done',
    '    printf "created %s\\n" "${missing[@]}" > "$marker.new"',
    '  fi',
    '  mv -f "$marker.new" "$marker"',
    'fi',
    'mkdir -p "$path"',
    `chown ${shellQuote(`${spec.owner}:${spec.group}`)} "$path"`,
    `chmod ${shellQuote(spec.mode)} "$path"`,
  ];
}

/**
 * Undoes what the stack did: a folder it created goes, with its content and the parents it created
 * that nothing else has filled since (unless `keep`; never while something is mounted on or below it);
 * a folder it found gets its owner and mode back.
 */
export function removeDirectoryScript(stateDir: string, path: string, keep: boolean): string[] {
  const marker = directoryMarker(stateDir, path);
  const created = keep
    ? ['  : the folder holds data the stack keeps']
    : [
        // rm's --one-file-system still empties a file system mounted on the path itself (a MooseFS share).
        `  if mountpoint -q -- "$path" || findmnt -rn -o TARGET | awk -v p="$path/" 'index($0, p) == 1 { found = 1 } END { exit !found }'; then`,
        '    echo "refused: $path is mounted, or holds a mount: unmount it first; nothing was removed" >&2',
        '    exit 1',
        '  fi',
        '  rm -rf --one-file-system -- "$path"',
        '  mapfile -t created < <(sed -n "s/^created //p" "$marker")',
        '  for ((i = ${#created[@]} - 1; i >= 0; i--)); do [ ! -d "${created[i]}" ] || rmdir -- "${created[i]}" 2>/dev/null || break; done',
      ];
  const existed = keep
    ? ['  : left as it is, with its data']
    : ['  read -r _ ids mode < "$marker"', '  if [ -d "$path" ]; then chown "$ids" "$path"; chmod "$mode" "$path"; fi'];
  return [
    `path=${shellQuote(path)}`,
    `marker=${shellQuote(marker)}`,
    'if [ ! -e "$marker" ]; then exit 0; fi',
    'if grep -q "^created " "$marker"; then',
    ...created,
    'else',
    ...existed,
    'fi',
    'rm -f "$marker"',
    'rmdir -p --ignore-fail-on-non-empty "$(dirname "$marker")" 2>/dev/null || true',
  ];
}
