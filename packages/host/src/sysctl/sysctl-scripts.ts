import { fileDriftProbe, originalsDir, removeFileScript, writeFileScript } from '../config-file/config-file-scripts';
import { stackScopedName, stackStateFile } from '../config-file/host-names';
import { shellQuote } from '../shell';

/** Where one Sysctl's settings live on a host. */
export interface SysctlFiles {
  /** The settings, read at boot by systemd-sysctl. */
  file: string;
  /** The value each key had before the stack first set it, for destroy to put back. */
  saved: string;
  /** The stack's originals store, which the write path asks for like any file's. */
  originals: string;
}

const SETTINGS_OWNERSHIP = { owner: 'root', group: 'root', mode: '0644' };

/** The file of Sysctl `name` of `stack`: both names in it, so that two stacks on one host never share one. */
export function sysctlFiles(stack: string, name: string, sysctlDir: string): SysctlFiles {
  return {
    file: `${sysctlDir}/90-hastack-${stackScopedName(name, stack)}.conf`,
    saved: stackStateFile('sysctl', name, '.conf', stack),
    originals: originalsDir(stack),
  };
}

/**
 * The check of a settings file: applies it (`sysctl -p` is the kernel's own check) and, when the kernel
 * refuses a value, puts back the values every key had just before, so that a refused file leaves the
 * kernel as it found it. sysctl's message is the check's output.
 */
export function applyOrRollBack(keys: readonly string[]): string {
  return [
    'before="$(mktemp)"',
    'trap \'rm -f "$before"\' EXIT',
    `sysctl -e ${keys.map(shellQuote).join(' ')} > "$before"`,
    'if ! sysctl -q -p "$CONFIG_FILE"; then sysctl -q -p "$before" >/dev/null 2>&1 || true; exit 1; fi',
  ].join('\n');
}

/**
 * Persists the settings read on stdin through the validated write of config files, applied and rolled
 * back by `applyOrRollBack`. Before, the value of each key not seen before is kept; after, a key no
 * longer set gets its kept value back.
 */
export function applySysctlScript(files: SysctlFiles, keys: readonly string[], firstWrite: boolean): string[] {
  return [
    `saved=${shellQuote(files.saved)}`,
    'install -d -m 0700 "$(dirname "$saved")"',
    'touch "$saved"',
    `for key in ${keys.map(shellQuote).join(' ')}; do`,
    '  if ! cut -d " " -f 1 "$saved" | grep -qxF "$key" && value="$(sysctl -n "$key" 2>/dev/null)"; then',
    '    printf "%s = %s\\n" "$key" "$value" >> "$saved"',
    '  fi',
    'done',
    ...writeFileScript({
      path: files.file,
      ownership: SETTINGS_OWNERSHIP,
      validate: applyOrRollBack(keys),
      validateLabel: 'sysctl -p',
      originals: files.originals,
      firstWrite,
      checkUnchanged: true,
    }),
    `keys=${shellQuote(keys.join(' '))}`,
    ': > "$saved.new"',
    'while IFS= read -r line; do',
    '  case " $keys " in',
    '    *" ${line%% *} "*) printf "%s\\n" "$line" >> "$saved.new" ;;',
    '    *) printf "%s\\n" "$line" | sysctl -q -p - ;;',
    '  esac',
    'done < "$saved"',
    'mv -f "$saved.new" "$saved"',
  ];
}

/**
 * The drift probe of the settings on stdin (see `hostCommand`): the settings file as a written file, and a
 * line for each key whose value in the running kernel is not the one set (`sysctl -w` by hand).
 */
export function sysctlDriftProbe(files: SysctlFiles): string[] {
  return [
    'settings="$(cat)"',
    '{',
    ...fileDriftProbe(files.file, SETTINGS_OWNERSHIP),
    '} <<<"$settings"',
    'while read -r key _ value; do',
    '  current="$(sysctl -n "$key" 2>/dev/null | tr -s "[:space:]" " ")"',
    '  current="${current% }"',
    '  [ "$current" = "$value" ] || printf \'sysctl %s: %s, deployed %s\\n\' "$key" "${current:-unset}" "$value"',
    'done <<<"$settings"',
  ];
}

/** Removes the settings file and puts back the values the keys had before the stack set them. */
export function revertSysctlScript(files: SysctlFiles): string[] {
  return [
    ...removeFileScript(files.file, files.originals),
    `saved=${shellQuote(files.saved)}`,
    'if [ -s "$saved" ]; then sysctl -q -p "$saved"; fi',
    'rm -f "$saved"',
    'rmdir -p --ignore-fail-on-non-empty "$(dirname "$saved")" 2>/dev/null || true',
  ];
}
