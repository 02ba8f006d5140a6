import {
  CONTENT_DRIFT,
  fileDriftProbe,
  folderLocksScript,
  reloadOnRestoreScript,
  removeFileScript,
  writeFileScript,
  type FileOwnership,
} from '../config-file/config-file-scripts';
import { shellQuote } from '../shell';
import { recordedFileRemovalFunction } from './recorded-file-removal';

export interface SetFile {
  path: string;
  ownership: FileOwnership;
}

/** Every file's content as one base64 line, in the order of the files: the set's stdin. */
export function setInput(contents: readonly string[]): string {
  return contents.map((content) => `${Buffer.from(content, 'utf8').toString('base64')}\n`).join('');
}

/** The paths an earlier run of this set wrote (its stdout), one per line; anything else is dropped. */
const RECORDED = 'mapfile -t recorded < <(printf "%s\\n" "${PULUMI_COMMAND_STDOUT:-}" | grep "^/" || true)';

/** How the script refers to file `index`'s copy of what it replaced. */
const previous = (index: number) => `"\${previous[${index}]}"`;

/**
 * Writes every file of the set (content from stdin, see `setInput`) with the single-file write of
 * config-file-scripts.ts, then runs one check over the whole set. When the check fails, every file goes
 * back to what it was: a file the set already managed to its previous content, a file new to the set
 * to what was there before the set (or nothing). Files an earlier version of the set wrote and this
 * one no longer has are removed (their originals put back). Prints the paths it manages.
 */
export function writeFileSetScript(files: readonly SetFile[], validate: string | undefined, originals: string, reloadOnRestore?: string): string[] {
  const paths = files.map((file) => shellQuote(file.path));
  const writeOne = (file: SetFile, index: number): string[] => [
    `IFS= read -r encoded || { echo ${shellQuote(`no content for ${file.path} on stdin`)} >&2; exit 1; }`,
    `previous[${index}]=""`,
    `if [ -e ${paths[index]} ]; then`,
    `  previous[${index}]="$(mktemp ${shellQuote(`${file.path}.hastack-previous.XXXXXX`)})"`,
    `  temporary+=(${previous(index)})`,
    `  cp -p ${paths[index]} ${previous(index)}`,
    'fi',
    'printf "%s" "$encoded" | base64 -d | (',
    ...writeFileScript({ path: file.path, ownership: file.ownership, originals, firstWrite: true, lockHeld: true }).map((line) => `  ${line}`),
    ')',
  ];
  const putBack = (file: SetFile, index: number): string[] => [
    `  if is_recorded ${paths[index]}; then`,
    `    if [ -n ${previous(index)} ]; then mv -f ${previous(index)} ${paths[index]}; else rm -f ${paths[index]}; fi`,
    '  else',
    ...removeFileScript(file.path, originals).map((line) => `    ${line}`),
    '  fi',
  ];
  return [
    ...folderLocksScript(files.map((file) => file.path)),
    RECORDED,
    'is_recorded() { local p; for p in ${recorded[@]+"${recorded[@]}"}; do [ "$p" != "$1" ] || return 0; done; return 1; }',
    ...recordedFileRemovalFunction(originals),
    'temporary=() previous=()',
    'trap \'rm -f ${temporary[@]+"${temporary[@]}"}\' EXIT',
    ...files.flatMap(writeOne),
    ...(validate
      ? [
          `if ! report="$(bash -c ${shellQuote(['set -euo pipefail', validate].join('\n'))} </dev/null 2>&1)"; then`,
          ...files.flatMap(putBack),
          `  printf '%s\\n%s\\n' ${shellQuote(`${files.map((file) => file.path).join(', ')} were refused by ${validate}; the previous files stay in place:`)} "$report" >&2`,
          '  exit 1',
          'fi',
        ]
      : []),
    `for p in \${recorded[@]+"\${recorded[@]}"}; do`,
    `  case "$p" in ${paths.join('|')}) ;; *) hastack_remove_file "$p" ;; esac`,
    'done',
    ...(reloadOnRestore
      ? reloadOnRestoreScript(reloadOnRestore, `grep -qE ${shellQuote(`: (${Object.values(CONTENT_DRIFT).join('|')})$`)} <<<"$HASTACK_DRIFT"`)
      : []),
    `printf '%s\\n' ${paths.join(' ')}`,
  ];
}

/** The drift probe of a set (see `hostCommand`): each file's, against its content on stdin (see `setInput`). */
export function fileSetDriftProbe(files: readonly SetFile[]): string[] {
  return files.flatMap((file) => [
    'IFS= read -r encoded',
    'printf "%s" "$encoded" | base64 -d | {',
    ...fileDriftProbe(file.path, file.ownership).map((line) => `  ${line}`),
    '}',
  ]);
}

/** Removes every file of the set, or puts back what was there before the set managed it. */
export function removeFileSetScript(paths: readonly string[], originals: string): string[] {
  return paths.flatMap((path) => removeFileScript(path, originals));
}
