import { shellQuote } from '../shell';

export function enableScript(unit: string): string[] {
  return ['systemctl daemon-reload', `systemctl enable --now ${shellQuote(unit)}`];
}

/** Stops and disables; a unit already gone with its package is not an error. */
export function disableScript(unit: string): string[] {
  return [
    `if systemctl cat ${shellQuote(unit)} >/dev/null 2>&1; then systemctl disable --now ${shellQuote(unit)}; fi`,
    'systemctl daemon-reload',
  ];
}

export const ReloadModes = { reload: 'reload', restart: 'restart' } as const;
export type ReloadMode = (typeof ReloadModes)[keyof typeof ReloadModes];

/** A changed unit file is read again first, or systemd would restart the old definition. */
export function reloadScript(unit: string, mode: ReloadMode): string[] {
  const verb = mode === 'reload' ? 'reload-or-restart' : 'restart';
  return ['systemctl daemon-reload', `systemctl ${verb} ${shellQuote(unit)}`, `systemctl is-active --quiet ${shellQuote(unit)}`];
}
