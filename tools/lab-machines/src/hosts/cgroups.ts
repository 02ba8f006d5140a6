import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Mount points of the cgroup hierarchies systemd inside a container cares about: the unified (v2) one and,
 * on hybrid machines, v1's named `systemd` one. A container gets a cgroup of its own in each.
 */
export function systemdCgroupRoots(procMounts: string): string[] {
  const roots: string[] = [];
  for (const line of procMounts.split('\n')) {
    const [, mountPoint, type, options] = line.split(' ');
    if (type === 'cgroup2' || (type === 'cgroup' && options?.split(',').includes('name=systemd'))) {
      roots.push(mountPoint);
    }
  }
  return roots;
}

export function containerCgroups(roots: readonly string[], hostName: string): string[] {
  return roots.map((root) => path.join(root, `lab-${hostName}`));
}

/** Removes a container's cgroup once its processes are gone: the deepest folders first, as the kernel demands. */
export function removeCgroup(dir: string): void {
  if (!fs.existsSync(dir)) {
    return;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      removeCgroup(path.join(dir, entry.name));
    }
  }
  fs.rmdirSync(dir);
}

/** Pids still in a cgroup or any of its children. */
export function cgroupPids(dir: string): number[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const pids = fs
    .readFileSync(path.join(dir, 'cgroup.procs'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map(Number);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      pids.push(...cgroupPids(path.join(dir, entry.name)));
    }
  }
  return pids;
}
