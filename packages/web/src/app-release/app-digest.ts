import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The entries of a folder tree, relative paths sorted byte-wise so the order never depends on the machine. */
export function appEntries(root: string, relative = ''): string[] {
  return readdirSync(join(root, relative))
    .sort()
    .flatMap((name) => {
      const path = relative ? `${relative}/${name}` : name;
      return lstatSync(join(root, path)).isDirectory() ? [path, ...appEntries(root, path)] : [path];
    });
}

/**
 * The release's name: a digest over every entry's relative path, type, permission bits and content, and
 * nothing else (no times, owners or the folder's own location), so the same folder gives the same release
 * on any machine and a second `up` changes nothing. Symlinks are refused: their target would escape the release.
 */
export function appDigest(appDir: string): string {
  const hash = createHash('sha256');
  for (const path of appEntries(appDir)) {
    const stat = lstatSync(join(appDir, path));
    if (stat.isSymbolicLink()) throw new Error(`appDir: "${path}" is a symlink; a release holds files and folders only`);
    const kind = stat.isDirectory() ? 'd' : 'f';
    const mode = (stat.mode & 0o777).toString(8);
    const content = stat.isDirectory()
      ? ''
      : createHash('sha256')
          .update(readFileSync(join(appDir, path)))
          .digest('hex');
    hash.update(`${kind}\0${path}\0${mode}\0${content}\n`);
  }
  return hash.digest('hex').slice(0, 20);
}
