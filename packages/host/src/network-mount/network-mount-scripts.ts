import { shellQuote } from '../shell';

/**
 * Enables the mount for boot and (re)mounts it now, so that a deploy fails, with systemd's account of
 * why, when the file system cannot be mounted; then checks that the mount point really is one.
 */
export function mountScript(mountUnit: string, where: string): string[] {
  const unit = shellQuote(mountUnit);
  return [
    'systemctl daemon-reload',
    `systemctl enable ${unit}`,
    `if ! systemctl restart ${unit}; then journalctl -u ${unit} -n 20 --no-pager -o cat >&2 || true; exit 1; fi`,
    `mountpoint -q ${shellQuote(where)} || { echo ${shellQuote(`${where} is not mounted after starting ${mountUnit}`)} >&2; exit 1; }`,
  ];
}

/** The drift probe of a mount (see `hostCommand`): its unit still enabled, the share still mounted. */
export function mountDriftProbe(mountUnit: string, where: string): string[] {
  return [
    `systemctl is-enabled --quiet ${shellQuote(mountUnit)} || echo ${shellQuote(`${mountUnit}: not enabled`)}`,
    `mountpoint -q ${shellQuote(where)} || echo ${shellQuote(`${where}: not mounted`)}`,
  ];
}

/** Stops a pending retry first (it would mount again), then unmounts and disables. */
export function unmountScript(mountUnit: string, remountUnit: string): string[] {
  return [
    `systemctl stop ${shellQuote(remountUnit)} 2>/dev/null || true`,
    `if systemctl cat ${shellQuote(mountUnit)} >/dev/null 2>&1; then systemctl disable --now ${shellQuote(mountUnit)}; fi`,
    `systemctl reset-failed ${shellQuote(mountUnit)} ${shellQuote(remountUnit)} 2>/dev/null || true`,
    'systemctl daemon-reload',
  ];
}
