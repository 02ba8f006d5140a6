import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppEntry, appEntries } from './app-files';

/**
 * The release's name: a digest over every entry the release holds (`appEntries`): relative path, type,
 * permission bits as shipped and content, and nothing else (no times, owners, the folder's own location or
 * what it leaves out), so the same application gives the same release on any machine and a second `up`
 * changes nothing.
 */
export function appDigest(appDir: string): string {
  return digestOf(appDir, appEntries(appDir));
}

/** `appDigest` over entries already listed (`appBundle` lists them once for its checks, its digest and its archive). */
export function digestOf(appDir: string, entries: readonly AppEntry[]): string {
  const hash = createHash('sha256');
  for (const { path, kind, mode } of entries) {
    const content =
      kind === 'dir'
        ? ''
        : createHash('sha256')
            .update(readFileSync(join(appDir, path)))
            .digest('hex');
    hash.update(`${kind === 'dir' ? 'd' : 'f'}\0${path}\0${mode.toString(8)}\0${content}\n`);
  }
  return hash.digest('hex').slice(0, 20);
}
