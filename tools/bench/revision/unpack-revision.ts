import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** "REV", or "REV with PATH from REV2": a revision as committed, or with one file as another revision had it. */
const WITH_FILE = /^(\S+) with (\S+) from (\S+)$/;

/**
 * The repository's tree at `spec` (see WITH_FILE), unpacked in `dir`, with the installed node_modules: the
 * workspace's own packages link into the unpacked tree, every other package to the installed one. A
 * before-and-after of one file is then two specs, not a commit made for the comparison that a clone lacks.
 */
export function unpackRevision(spec: string, root: string, dir: string): string {
  const [, rev, path, fileRev] = WITH_FILE.exec(spec) ?? [spec, spec];
  mkdirSync(dir);
  const archive = spawnSync('bash', ['-c', 'git -C "$1" archive --format=tar "$2" | tar -x -C "$3"', 'unpack', root, rev, dir]);
  if (archive.status !== 0) throw new Error(`cannot unpack ${rev}: ${archive.stderr}`);
  if (path) {
    const file = spawnSync('bash', ['-c', 'git -C "$1" show "$2:$3" > "$4/$3"', 'unpack', root, fileRev, path, dir]);
    if (file.status !== 0) throw new Error(`cannot take ${path} from ${fileRev}: ${file.stderr}`);
  }
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
