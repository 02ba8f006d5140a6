import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { WELL_KNOWN_DIR } from '../web-server';

/**
 * The application's own list of what a release leaves out, at the top of `appDir`, in .gitignore's syntax.
 * Not .gitignore itself: what a repository leaves out (vendor/, built assets) is often what a site must serve.
 */
export const APP_IGNORE_FILE = '.hastackignore';

/** One file or folder a release holds. */
export interface AppEntry {
  /** Relative to `appDir`, `/`-separated. */
  path: string;
  kind: 'file' | 'dir';
  /** The permission bits it ships with (`shippedMode`). */
  mode: number;
  /** Bytes; 0 for a folder. */
  size: number;
}

/**
 * The permission bits a file or folder ships with: its owner (root, on the host) reads and writes, the
 * others read and enter as the folder gives them; no write for others, so the web server's user cannot
 * change the application, and no set-id or sticky bit. A file the developer kept from others stays kept
 * from the web server. These are the bits node-tar's portable mode writes, so the digest names what ships.
 */
export function shippedMode(mode: number, kind: AppEntry['kind']): number {
  const bits = (mode & 0o755) | 0o600;
  // A folder one may read, one may enter.
  return kind === 'dir' ? bits | 0o100 | ((bits & 0o44) >> 2) : bits;
}

/**
 * Whether a release leaves the entry out whatever the ignore file says: every dotfile and dot-folder
 * (.git, .env, .svn, an editor's swap file), which hold a repository's history or a developer's secrets
 * and never a page, except `.well-known` at the top, whose files are public by definition (RFC 8615).
 */
function isHidden(name: string, parent: string): boolean {
  return name.startsWith('.') && !(parent === '' && name === WELL_KNOWN_DIR);
}

function ignoreRules(appDir: string): Ignore {
  const file = join(appDir, APP_IGNORE_FILE);
  return ignore().add(existsSync(file) ? readFileSync(file, 'utf8') : '');
}

/**
 * What a release of `appDir` holds, sorted byte-wise at each level so the order never depends on the
 * machine: every file and folder but the hidden ones and those `APP_IGNORE_FILE` names (an ignored
 * folder is not entered, as git does). A symlink it would hold is refused, as its target would escape the
 * release, and so is a socket or a pipe.
 */
export function appEntries(appDir: string): AppEntry[] {
  const rules = ignoreRules(appDir);
  const walk = (parent: string): AppEntry[] =>
    readdirSync(join(appDir, parent))
      .sort()
      .flatMap((name) => {
        const path = parent ? `${parent}/${name}` : name;
        if (isHidden(name, parent)) return [];
        const stat = lstatSync(join(appDir, path));
        if (!stat.isFile() && !stat.isDirectory()) {
          if (rules.ignores(path)) return [];
          const what = stat.isSymbolicLink() ? 'a symlink' : 'neither a file nor a folder';
          throw new Error(`appDir: "${path}" is ${what}; a release holds files and folders only (leave it out in ${APP_IGNORE_FILE})`);
        }
        const kind = stat.isDirectory() ? 'dir' : 'file';
        if (rules.ignores(kind === 'dir' ? `${path}/` : path)) return [];
        const entry: AppEntry = { path, kind, mode: shippedMode(stat.mode, kind), size: kind === 'dir' ? 0 : stat.size };
        return kind === 'dir' ? [entry, ...walk(path)] : [entry];
      });
  return walk('');
}
