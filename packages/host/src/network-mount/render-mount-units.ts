import { mountUnitName } from './systemd-escape';

export interface MountUnitOptions {
  /** What to mount: "mfsmaster:/", "server:/export", a folder for a bind mount. */
  what: string;
  /** Absolute, normalized mount point. */
  where: string;
  /** File system type: "moosefs", "nfs4", "none" (bind). */
  type: string;
  /** Mount options beyond `_netdev`. */
  options: readonly string[];
  /** Units the mount needs started first (its server, when it runs on the same host). */
  requires: readonly string[];
}

export interface MountUnits {
  /** `<escaped where>.mount`, the name systemd requires. */
  mountUnit: string;
  /** The oneshot that mounts again after a failure. */
  remountUnit: string;
  mount: string;
  remount: string;
}

/** Seconds a mount attempt may take before it counts as failed (and is retried). */
export const MOUNT_TIMEOUT_SECONDS = 30;
/** Seconds between a failed mount and the next attempt. */
export const RETRY_DELAY_SECONDS = 10;

const UNIT = /^[A-Za-z0-9:_.@\\-]+\.(service|socket|target|mount|device|path|timer)$/;

function oneLine(value: string, what: string): string {
  if (value === '' || /[\n\r]/.test(value)) throw new Error(`NetworkMount: ${what} must be one non-empty line`);
  return value;
}

/** systemd expands "%" specifiers in What= and Options=; a literal "%" is written "%%". */
const literal = (value: string) => value.replace(/%/g, '%%');

/**
 * A mount unit for a file system served over the network, and the oneshot that retries it. Mounted after
 * the network is online (`_netdev`, `Wants`/`After=network-online.target`) and after `requires`; pulled
 * in at boot by remote-fs.target. A failed attempt (including one that hangs past the timeout)
 * triggers, through `OnFailure=`, another attempt after a delay, for as long as it fails.
 */
export function renderMountUnits(options: MountUnitOptions): MountUnits {
  const mountUnit = mountUnitName(options.where);
  const remountUnit = `hastack-remount-${mountUnit.replace(/\.mount$/, '')}.service`;
  for (const unit of options.requires) {
    if (!UNIT.test(unit)) throw new Error(`NetworkMount: requires: "${unit}" is not a unit name like "moosefs-master.service"`);
  }
  for (const option of options.options) {
    if (option === '' || /[,\s]/.test(option)) throw new Error(`NetworkMount: options: "${option}" must be one option, without commas or spaces`);
  }
  if (!/^[a-z0-9_.]+$/.test(options.type)) throw new Error(`NetworkMount: type: "${options.type}" is not a file system type`);
  const after = ['network-online.target', ...options.requires].join(' ');
  const mount = [
    '# Rendered by hastack (host layer).',
    '[Unit]',
    `Description=Network mount of ${options.where}`,
    'Wants=network-online.target',
    `After=${after}`,
    ...(options.requires.length ? [`Requires=${options.requires.join(' ')}`] : []),
    `OnFailure=${remountUnit}`,
    '',
    '[Mount]',
    `What=${literal(oneLine(options.what, 'what'))}`,
    `Where=${options.where}`,
    `Type=${options.type}`,
    `Options=${literal(['_netdev', ...options.options].join(','))}`,
    `TimeoutSec=${MOUNT_TIMEOUT_SECONDS}`,
    '',
    '[Install]',
    'WantedBy=remote-fs.target',
    '',
  ].join('\n');
  const remount = [
    '# Rendered by hastack (host layer).',
    '[Unit]',
    `Description=Mount ${options.where} again after a failure`,
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStartPre=/bin/sleep ${RETRY_DELAY_SECONDS}`,
    // Exec lines undo C escapes: the "\x2d" of an escaped unit name is written "\\x2d".
    `ExecStart=/bin/systemctl start --no-block ${mountUnit.replace(/\\/g, '\\\\')}`,
    '',
  ].join('\n');
  return { mountUnit, remountUnit, mount, remount };
}
