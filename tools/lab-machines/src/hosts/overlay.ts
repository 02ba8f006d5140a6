import * as fs from 'node:fs';
import { run } from '../exec';

export interface OverlayDirs {
  readonly upper: string;
  readonly work: string;
  readonly root: string;
}

export function overlayOptions(lower: string, dirs: OverlayDirs): string {
  return `lowerdir=${lower},upperdir=${dirs.upper},workdir=${dirs.work}`;
}

/** Mount points at or under `dir`, deepest first, so they can be unmounted in that order. */
export function mountsUnder(procMounts: string, dir: string): string[] {
  return procMounts
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((mountPoint): mountPoint is string => !!mountPoint)
    .map((mountPoint) => mountPoint.replace(/\\040/g, ' '))
    .filter((mountPoint) => mountPoint === dir || mountPoint.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

function isMounted(dir: string): boolean {
  return mountsUnder(fs.readFileSync('/proc/mounts', 'utf8'), dir).includes(dir);
}

/** A host's own root: the shared read-only base below, its changes in `upper`. */
export async function mountOverlay(lower: string, dirs: OverlayDirs): Promise<void> {
  for (const dir of [dirs.upper, dirs.work, dirs.root]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  if (!isMounted(dirs.root)) {
    await run('mount', ['-t', 'overlay', 'overlay', '-o', overlayOptions(lower, dirs), dirs.root]);
  }
}

/** Unmounts everything mounted under `dir`, lazily if a mount is still busy. */
export async function unmountAllUnder(dir: string): Promise<void> {
  for (const mountPoint of mountsUnder(fs.readFileSync('/proc/mounts', 'utf8'), dir)) {
    const result = await run('umount', [mountPoint], { allowFailure: true });
    if (result.code !== 0) {
      await run('umount', ['--lazy', mountPoint]);
    }
  }
}
