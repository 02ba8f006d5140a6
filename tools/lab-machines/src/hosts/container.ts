import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processAlive, processArgs, terminate } from '../processes';
import { LabHost, LabNetwork } from '../topology/topology';
import { cgroupPids, containerCgroups, removeCgroup } from './cgroups';
import { HostDirs, readPid } from './host-state';

const StartScript = path.join(__dirname, 'start-container.sh');

/** Where the containers find the mirror, bind-mounted read-only. */
export const ContainerMirrorPath = '/mirror';

/**
 * `--register=no` and `--keep-unit` because the machine's PID 1 is not systemd ("Failed to open system bus"
 * otherwise); the mirror must be bound at start; FUSE for the web hosts' MooseFS mounts.
 */
export function nspawnArgs(host: LabHost, root: string, mirrorDir: string): string[] {
  return [
    '-D',
    root,
    '-M',
    host.name,
    '-b',
    '--register=no',
    '--keep-unit',
    `--network-bridge=${LabNetwork.bridge}`,
    '--console=passive',
    `--bind-ro=${mirrorDir}:${ContainerMirrorPath}`,
    ...(host.roles.includes('web') ? ['--bind=/dev/fuse'] : []),
  ];
}

export function containerPid(dirs: HostDirs): number | undefined {
  const pid = readPid(dirs.pidFile);
  return pid !== undefined && processAlive(pid) && processArgs(pid)?.includes(dirs.root) ? pid : undefined;
}

/** Boots the container in the background from cgroups of its own; returns at once. */
export function startContainer(host: LabHost, dirs: HostDirs, mirrorDir: string, cgroupRoots: readonly string[]): void {
  const log = fs.openSync(dirs.log, 'a');
  const child = spawn('bash', [StartScript, ...containerCgroups(cgroupRoots, host.name), '--', ...nspawnArgs(host, dirs.root, mirrorDir)], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  fs.writeFileSync(dirs.pidFile, `${child.pid}\n`);
  child.unref();
}

/**
 * SIGTERM to nspawn shuts the container down (2 s, DESIGN.md); whatever outlives it in the container's
 * cgroups is killed before they are removed.
 */
export async function stopContainer(name: string, dirs: HostDirs, cgroupRoots: readonly string[]): Promise<void> {
  const pid = containerPid(dirs);
  if (pid !== undefined) {
    await terminate(pid, 30_000);
  }
  for (const cgroup of containerCgroups(cgroupRoots, name)) {
    for (const straggler of cgroupPids(cgroup)) {
      await terminate(straggler, 2_000);
    }
    removeCgroup(cgroup);
  }
  fs.rmSync(dirs.pidFile, { force: true });
}
