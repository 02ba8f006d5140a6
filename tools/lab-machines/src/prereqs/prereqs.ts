import * as fs from 'node:fs';
import { run } from '../exec';
import { progress } from '../log';
import { LabNetwork } from '../topology/topology';
import { systemdCgroupRoots } from '../hosts/cgroups';
import { debianArchiveUrl } from './debian-source';

/** Debian packages the lab runs on the machine. */
const MachinePackages = [
  'debootstrap',
  'systemd-container',
  'qemu-system-x86',
  'qemu-utils',
  'dpkg-dev',
  'apt-utils',
  'openssh-client',
  'e2fsprogs',
  'iproute2',
  // The failover probes time a director's failure from its last VRRP advert seen on its tap.
  'tcpdump',
  // The proofs of Nagios's web interface open it as an admin on this machine would: in a browser.
  'chromium',
] as const;

/** Commands the lab calls, checked after the install so a broken package says so before anything is built. */
const RequiredCommands = [
  'debootstrap',
  'systemd-nspawn',
  'qemu-system-x86_64',
  'dpkg-scanpackages',
  'apt-ftparchive',
  'ssh',
  'ssh-keygen',
  'mkfs.ext4',
  'ip',
  'mount',
  'tcpdump',
  'chromium',
];

export interface MachineFacts {
  /** The machine's Debian archive, which debootstrap and the mirror download from. */
  readonly debianArchive: string;
  /** Where containers get cgroups of their own. */
  readonly cgroupRoots: readonly string[];
}

class PrerequisiteError extends Error {}

function ensure(condition: boolean, message: string): void {
  if (!condition) {
    throw new PrerequisiteError(`lab: ${message}`);
  }
}

export function ensureRoot(command: string): void {
  ensure(process.getuid?.() === 0, `lab:${command} must run as root: the lab has a bridge and tap devices, overlay mounts, containers and VMs`);
}

/** Checks the machine can run the lab, installing missing Debian tools; throws before anything is built. */
export async function checkMachine(): Promise<MachineFacts> {
  ensure(process.platform === 'linux' && process.arch === 'x64', 'the lab runs on x86-64 Linux only');
  ensureRoot('up');
  ensure(commandExists('apt-get'), 'apt-get not found: the lab needs a Debian machine to build its hosts from');
  await installMissingPackages();
  for (const command of RequiredCommands) {
    ensure(commandExists(command), `${command} is still missing after installing ${MachinePackages.join(' ')}`);
  }
  const filesystems = fs.readFileSync('/proc/filesystems', 'utf8');
  ensure(/\boverlay\b/.test(filesystems), 'the kernel has no overlay file system (each host is an overlay on a shared base)');
  ensure(fs.existsSync('/dev/net/tun'), '/dev/net/tun is missing: the directors need tap devices');
  ensure(fs.existsSync('/dev/fuse'), '/dev/fuse is missing: the web hosts need FUSE for MooseFS');
  await checkBridgeSupport();
  const cgroupRoots = systemdCgroupRoots(fs.readFileSync('/proc/mounts', 'utf8'));
  ensure(cgroupRoots.length > 0, 'no cgroup2 or name=systemd cgroup hierarchy is mounted: systemd cannot boot in a container');
  return { debianArchive: await findDebianArchive(), cgroupRoots };
}

function commandExists(command: string): boolean {
  return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin')
    .split(':')
    .concat(['/usr/sbin', '/sbin'])
    .some((dir) => fs.existsSync(`${dir}/${command}`));
}

async function installMissingPackages(): Promise<void> {
  const status = await run('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...MachinePackages], { allowFailure: true });
  const installed = new Set(
    status.stdout
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0]),
  );
  const missing = MachinePackages.filter((name) => !installed.has(name));
  if (missing.length === 0) {
    return;
  }
  progress(`installing machine packages: ${missing.join(' ')}`);
  const install = () =>
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      allowFailure: true,
    });
  if ((await install()).code !== 0) {
    // A fresh machine may have no package lists yet, or stale ones naming files the archive dropped.
    await run('apt-get', ['update']);
    const retry = await install();
    ensure(retry.code === 0, `apt-get could not install ${missing.join(' ')}:\n${retry.stderr.trim()}`);
  }
}

async function checkBridgeSupport(): Promise<void> {
  if (fs.existsSync(`/sys/class/net/${LabNetwork.bridge}`)) {
    return;
  }
  const probe = 'labprobe0';
  const created = await run('ip', ['link', 'add', probe, 'type', 'bridge'], { allowFailure: true });
  ensure(created.code === 0, `cannot create a network bridge (${created.stderr.trim()}): the kernel lacks bridge support`);
  await run('ip', ['link', 'del', probe]);
}

async function findDebianArchive(): Promise<string> {
  const policy = async () => (await run('apt-cache', ['policy'])).stdout;
  let url = debianArchiveUrl(await policy());
  if (!url) {
    progress('no Debian package lists on the machine yet: apt-get update');
    await run('apt-get', ['update']);
    url = debianArchiveUrl(await policy());
  }
  ensure(url !== undefined, "the machine's apt sources have no Debian bookworm main archive to build the hosts from");
  return url as string;
}
