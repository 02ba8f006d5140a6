import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The repository's tree at `rev`, unpacked in `dir`, with the installed node_modules: the workspace's
 * own packages link into the unpacked tree, every other package to the installed one.
 */
export function unpackRevision(rev: string, root: string, dir: string): string {
  mkdirSync(dir);
  const archive = spawnSync('bash', ['-c', 'git -C "$1" archive --format=tar "$2" | tar -x -C "$3"', 'unpack', root, rev, dir]);
  if (archive.status !== 0) throw new Error(`cannot unpack ${rev}: ${archive.stderr}`);
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== '@hastack') {
      symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
      continue;
    }
    mkdirSync(join(modules, entry));
    for (const pkg of readdirSync(join(root, 'node_modules', entry))) {
      // Relative links (../../packages/host) now resolve inside the unpacked tree.
      symlinkSync(readlinkSync(join(root, 'node_modules', entry, pkg)), join(modules, entry, pkg));
    }
  }
  return dir;
}
