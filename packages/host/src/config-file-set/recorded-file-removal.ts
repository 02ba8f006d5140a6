import { shellQuote } from '../shell';

/**
 * A bash function, `hastack_remove_file PATH`, doing what `removeFileScript(PATH, originals)` of
 * config-file/config-file-scripts.ts renders, for a path known only when the script runs (a file an
 * earlier version of a set wrote and the new one no longer has). It follows that module's store of
 * originals (`<originals>/files<path>` kept, `<originals>/absent<path>` for none); its test runs both
 * on one host layout, so a change of that store that is not made here too fails it.
 */
export function recordedFileRemovalFunction(originals: string): string[] {
  return [
    'hastack_remove_file() {',
    `  local path="$1" kept=${shellQuote(`${originals}/files`)}"$1" absent=${shellQuote(`${originals}/absent`)}"$1"`,
    '  if [ -e "$kept" ]; then mv -f "$kept" "$path"; else rm -f "$path"; fi',
    '  rmdir --ignore-fail-on-non-empty "$(dirname "$path")" 2>/dev/null || true',
    '  rm -f "$kept" "$absent"',
    '  rmdir -p --ignore-fail-on-non-empty "$(dirname "$kept")" 2>/dev/null || true',
    '  rmdir -p --ignore-fail-on-non-empty "$(dirname "$absent")" 2>/dev/null || true',
    '}',
  ];
}
