import { shellQuote } from '../shell';

/** Where a file's content from before the stack first managed it is kept, to put back on destroy. */
export const ORIGINALS_DIR = '/var/lib/hastack/originals';

export interface FileOwnership {
  owner: string;
  group: string;
  mode: string;
}

/**
 * Writes the content read on stdin to `path` atomically. With a `validate` command, the new file is put
 * in place, checked (the daemon checks its whole configuration, includes and all), and the previous
 * file restored if the check fails, so a refused config never replaces a working one. The check's own
 * output is the error. `firstWrite` also keeps any file that was there before, for destroy to restore.
 */
export function writeFileScript(
  path: string,
  ownership: FileOwnership,
  validate: string | undefined,
  firstWrite: boolean,
): string[] {
  const original = `${ORIGINALS_DIR}${path}`;
  return [
    `path=${shellQuote(path)}`,
    'install -d -m 0755 "$(dirname "$path")"',
    'candidate="$(mktemp "$path.hastack-candidate.XXXXXX")"',
    'previous="$(mktemp "$path.hastack-previous.XXXXXX")"',
    'trap \'rm -f "$candidate" "$previous"\' EXIT',
    'cat > "$candidate"',
    `chown ${shellQuote(`${ownership.owner}:${ownership.group}`)} "$candidate"`,
    `chmod ${shellQuote(ownership.mode)} "$candidate"`,
    ...(firstWrite
      ? [
          `if [ -e "$path" ] && [ ! -e ${shellQuote(original)} ]; then`,
          `  install -d -m 0700 ${shellQuote(original.slice(0, original.lastIndexOf('/')))}`,
          `  cp -p "$path" ${shellQuote(original)}`,
          'fi',
        ]
      : []),
    'if [ -e "$path" ] && cmp -s "$candidate" "$path"; then exit 0; fi',
    'had_previous=false',
    'if [ -e "$path" ]; then cp -p "$path" "$previous"; had_previous=true; fi',
    'mv -f "$candidate" "$path"',
    ...(validate
      ? [
          `if ! report="$(CONFIG_FILE="$path" bash -c ${shellQuote(validate)} 2>&1)"; then`,
          '  if $had_previous; then mv -f "$previous" "$path"; else rm -f "$path"; fi',
          `  printf '%s was refused by %s; the previous file stays in place:\\n%s\\n' "$path" ${shellQuote(validate)} "$report" >&2`,
          '  exit 1',
          'fi',
        ]
      : []),
  ];
}

/**
 * Removes the file, or puts back what was there before the stack managed it. A folder the removal
 * leaves empty goes too, so that one the write created does not outlive it (package managers accept a
 * folder of theirs already gone).
 */
export function removeFileScript(path: string): string[] {
  const original = `${ORIGINALS_DIR}${path}`;
  return [
    `if [ -e ${shellQuote(original)} ]; then mv -f ${shellQuote(original)} ${shellQuote(path)}; else rm -f ${shellQuote(path)}; fi`,
    `rmdir --ignore-fail-on-non-empty ${shellQuote(path.slice(0, path.lastIndexOf('/')))} 2>/dev/null || true`,
    `rmdir -p --ignore-fail-on-non-empty ${shellQuote(original.slice(0, original.lastIndexOf('/')))} 2>/dev/null || true`,
  ];
}
