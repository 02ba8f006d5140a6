import { createHash } from 'node:crypto';
import { shellQuote } from '../shell';

export const ReloadModes = { reload: 'reload', restart: 'restart' } as const;
export type ReloadMode = (typeof ReloadModes)[keyof typeof ReloadModes];

/** One line per kind of trigger, printed by every run: the next run compares it with the new ones. */
export interface TriggerMarks {
  restart: string;
  reload: string;
}

/** The mark of a list of trigger values: a digest, so the script stays short and the preview readable. */
export function triggerMark(kind: keyof TriggerMarks, values: readonly string[]): string {
  return `${kind}-triggers ${createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 16)}`;
}

const printMarks = (marks: TriggerMarks) => `printf '%s\\n' ${shellQuote(marks.restart)} ${shellQuote(marks.reload)}`;

/**
 * Enables and starts the unit, then restarts it (or reloads it, with reload triggers only) so a daemon
 * its package started with the shipped config takes the config written before it. A changed unit file
 * is read again first, or systemd would start the old definition.
 */
export function startScript(unit: string, marks: TriggerMarks, onCreate: 'restart' | 'reload' | 'none'): string[] {
  const verb = onCreate === 'restart' ? 'restart' : 'reload-or-restart';
  return [
    'systemctl daemon-reload',
    `systemctl enable --now ${shellQuote(unit)}`,
    ...(onCreate === 'none' ? [] : [`systemctl ${verb} ${shellQuote(unit)}`]),
    `systemctl is-active --quiet ${shellQuote(unit)}`,
    printMarks(marks),
  ];
}

/**
 * Applies a change of triggers: a restart when a restart trigger changed (it also applies any config),
 * else a reload (or a restart, in restart mode) when a reload trigger changed. The marks the previous run
 * printed tell which changed.
 */
export function applyChangeScript(unit: string, marks: TriggerMarks, mode: ReloadMode): string[] {
  const unitWord = shellQuote(unit);
  const changed = (mark: string) => `! grep -qxF ${shellQuote(mark)} <<<"\${PULUMI_COMMAND_STDOUT:-}"`;
  return [
    'systemctl daemon-reload',
    `systemctl enable --now ${unitWord}`,
    `if ${changed(marks.restart)}; then`,
    `  systemctl restart ${unitWord}`,
    `elif ${changed(marks.reload)}; then`,
    `  systemctl ${mode === 'reload' ? 'reload-or-restart' : 'restart'} ${unitWord}`,
    'fi',
    `systemctl is-active --quiet ${unitWord}`,
    printMarks(marks),
  ];
}

/** Stops and disables; a unit already gone with its package is not an error. */
export function disableScript(unit: string): string[] {
  return [
    `if systemctl cat ${shellQuote(unit)} >/dev/null 2>&1; then systemctl disable --now ${shellQuote(unit)}; fi`,
    'systemctl daemon-reload',
  ];
}
