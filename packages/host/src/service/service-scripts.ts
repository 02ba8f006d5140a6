import { createHash } from 'node:crypto';
import { shellQuote } from '../shell';

export const ReloadModes = { reload: 'reload', restart: 'restart' } as const;
export type ReloadMode = (typeof ReloadModes)[keyof typeof ReloadModes];

/** One line per kind of trigger, given on stdin and printed by every run: the next run compares them. */
export interface TriggerMarks {
  restart: string;
  reload: string;
}

/** The mark of a list of trigger values: a digest, so the record stays short and the preview readable. */
export function triggerMark(kind: keyof TriggerMarks, values: readonly string[]): string {
  return `${kind}-triggers ${createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16)}`;
}

/** The command's stdin: the marks, restart first. */
export function marksInput(marks: TriggerMarks): string {
  return `${marks.restart}\n${marks.reload}\n`;
}

/**
 * Enables and starts the unit. A daemon that was already running (its package started it with the shipped
 * config) is restarted, or reloaded with reload triggers only, so it takes the config written before it;
 * one that was not is only started, never stopped again while it initialises. Prints the marks it was given.
 */
export function startScript(unit: string, onCreate: 'restart' | 'reload' | 'none'): string[] {
  const verb = onCreate === 'restart' ? 'restart' : 'reload-or-restart';
  return [
    'marks="$(cat)"',
    ...(onCreate === 'none' ? [] : [`was_running=false`, `if systemctl is-active --quiet ${shellQuote(unit)}; then was_running=true; fi`]),
    ...enableAndStart(unit),
    ...(onCreate === 'none' ? [] : [`if $was_running; then systemctl ${verb} ${shellQuote(unit)}; fi`]),
    `systemctl is-active --quiet ${shellQuote(unit)}`,
    'printf \'%s\\n\' "$marks"',
  ];
}

/**
 * systemd reads its units again only when one changed on disk (else it would start the old definition), and
 * the unit is enabled and started only when it is not: each costs seconds on a small host, enabling most (it
 * runs the distribution's SysV sync, update-rc.d, for a daemon that ships an init script too), and a package's
 * own install has usually enabled it. Sets `started` when this started it.
 */
function enableAndStart(unit: string): string[] {
  const unitWord = shellQuote(unit);
  return [
    `if [ "$(systemctl show -p NeedDaemonReload --value ${unitWord})" = yes ]; then systemctl daemon-reload; fi`,
    `systemctl is-enabled --quiet ${unitWord} || systemctl enable ${unitWord}`,
    'started=false',
    `systemctl is-active --quiet ${unitWord} || { systemctl start ${unitWord}; started=true; }`,
  ];
}

/**
 * Applies a change of triggers: a restart when a restart trigger changed (it also applies any config),
 * else a reload (or a restart, in restart mode) when a reload trigger changed. The marks the previous run
 * printed tell which changed. The unit is enabled and started first when it is not (`enableAndStart`).
 */
export function applyChangeScript(unit: string, mode: ReloadMode): string[] {
  const unitWord = shellQuote(unit);
  const changed = (line: number) => `! grep -qxF "$(sed -n ${line}p <<<"$marks")" <<<"\${PULUMI_COMMAND_STDOUT:-}"`;
  const reload = `systemctl ${mode === 'reload' ? 'reload-or-restart' : 'restart'} ${unitWord}`;
  const { disabled, stopped } = serviceDriftLines(unit);
  return [
    'marks="$(cat)"',
    ...enableAndStart(unit),
    `if ${changed(1)}; then`,
    `  systemctl restart ${unitWord}`,
    `elif ${changed(2)}; then`,
    `  ${reload}`,
    // Drift in what the running service maintains (an address it adds) is undone by its start or reload.
    `elif ! $started && [ -n "\${HASTACK_DRIFT:-}" ] && grep -qvxF -e ${shellQuote(disabled)} -e ${shellQuote(stopped)} <<<"$HASTACK_DRIFT"; then`,
    `  ${reload}`,
    'fi',
    `systemctl is-active --quiet ${unitWord}`,
    'printf \'%s\\n\' "$marks"',
  ];
}

/** The lines the drift probe prints for a unit that is not enabled, or not running. */
export function serviceDriftLines(unit: string): { disabled: string; stopped: string } {
  return { disabled: `${unit}: not enabled`, stopped: `${unit}: not running` };
}

/**
 * The drift probe of a service (see `hostCommand`): whether it is still enabled and running, then the
 * caller's own lines for what the running service maintains.
 */
export function serviceDriftProbe(unit: string, maintained: readonly string[] = []): string[] {
  const { disabled, stopped } = serviceDriftLines(unit);
  return [
    `systemctl is-enabled --quiet ${shellQuote(unit)} || echo ${shellQuote(disabled)}`,
    `systemctl is-active --quiet ${shellQuote(unit)} || echo ${shellQuote(stopped)}`,
    ...maintained,
  ];
}

/**
 * Stops and disables; a unit already gone with its package is not an error. Debian's systemctl would also sync
 * the distribution's SysV links of a daemon that ships an init script (update-rc.d, Perl: half a minute per
 * service of a destroy on a small emulated host); systemd ignores them beside a unit of its own, and the
 * package's removal takes them. `disable` reads the units again itself.
 */
export function disableScript(unit: string): string[] {
  return [`if systemctl cat ${shellQuote(unit)} >/dev/null 2>&1; then SYSTEMCTL_SKIP_SYSV=1 systemctl disable --now ${shellQuote(unit)}; fi`];
}
