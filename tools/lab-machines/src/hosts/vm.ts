import * as fs from 'node:fs';
import { run } from '../exec';
import { deleteLink, ensureTap, tapName, vmMac } from '../network/bridge';
import { processAlive, processArgs, terminate } from '../processes';
import { DirectorBase } from '../rootfs/director-rootfs';
import { LabHost } from '../topology/topology';
import { HostDirs, readPid } from './host-state';

const VmMemoryMiB = 1024;
/** Room for what the product installs on a director; the image file is sparse. */
const DiskSize = '4G';

export interface VmBoot {
  readonly kernel: string;
  readonly initrd: string;
  readonly disk: string;
  readonly tap: string;
  readonly mac: string;
  readonly consoleLog: string;
  readonly pidFile: string;
}

/**
 * Software emulation (no /dev/kvm). Debian's kernel needs its initrd (virtio and ext4 are modules);
 * `net.ifnames=0` keeps the NIC `eth0`; the serial console goes to a file and no getty waits on it.
 * `romfile=` skips the NIC's boot ROM, which a `-kernel` boot does not use.
 */
export function qemuArgs(host: LabHost, boot: VmBoot): string[] {
  return [
    '-name',
    host.name,
    '-accel',
    'tcg',
    '-m',
    String(VmMemoryMiB),
    '-smp',
    '1',
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-kernel',
    boot.kernel,
    '-initrd',
    boot.initrd,
    '-append',
    'root=/dev/vda rw console=ttyS0 quiet systemd.mask=serial-getty@ttyS0.service net.ifnames=0',
    '-drive',
    `file=${boot.disk},if=virtio,format=raw,cache=unsafe`,
    '-netdev',
    `tap,id=n0,ifname=${boot.tap},script=no,downscript=no`,
    '-device',
    `virtio-net-pci,netdev=n0,mac=${boot.mac},romfile=`,
    '-serial',
    `file:${boot.consoleLog}`,
    '-daemonize',
    '-pidfile',
    boot.pidFile,
  ];
}

export function vmBoot(host: LabHost, dirs: HostDirs, base: DirectorBase): VmBoot {
  return {
    kernel: base.kernel,
    initrd: base.initrd,
    disk: dirs.disk,
    tap: tapName(host),
    mac: vmMac(host),
    consoleLog: dirs.log,
    pidFile: dirs.pidFile,
  };
}

/** The VM's disk: its prepared (overlay) root packed into an ext4 image of its own. */
export async function makeVmDisk(root: string, disk: string): Promise<void> {
  await run('mkfs.ext4', ['-q', '-F', '-L', 'root', '-d', root, disk, DiskSize]);
}

export function vmPid(dirs: HostDirs): number | undefined {
  const pid = readPid(dirs.pidFile);
  return pid !== undefined && processAlive(pid) && processArgs(pid)?.some((arg) => arg.includes(dirs.disk)) ? pid : undefined;
}

/** Starts the VM in the background (qemu daemonises itself once the VM is set up). */
export async function startVm(host: LabHost, boot: VmBoot): Promise<void> {
  await ensureTap(boot.tap);
  await run('qemu-system-x86_64', qemuArgs(host, boot));
}

/** Pulls the plug: the disk is thrown away by lab:down anyway, so a guest shutdown would only cost time. */
export async function stopVm(host: LabHost, dirs: HostDirs): Promise<void> {
  const pid = vmPid(dirs);
  if (pid !== undefined) {
    await terminate(pid, 10_000);
  }
  fs.rmSync(dirs.pidFile, { force: true });
  await deleteLink(tapName(host));
}
