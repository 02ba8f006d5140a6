import { create } from 'tar';
import { appDigest, appEntries } from './app-digest';

/** An application folder ready to ship: its release name and its content. */
export interface AppBundle {
  /** The content digest (`appDigest`), the release's folder name on every host. */
  digest: string;
  /** The folder as a gzipped tar, base64: what the release reads on stdin. */
  archive: string;
}

/**
 * Packs the folder once for every host. The archive holds what the digest covers (paths, modes,
 * contents) and fixed owners and times, so the same folder packs to the same bytes and a second `up`
 * sends nothing new. Made with node-tar, so the operator's machine needs no particular tar.
 */
export function appBundle(appDir: string): AppBundle {
  const digest = appDigest(appDir);
  const chunks: Buffer[] = [];
  const pack = create({ sync: true, cwd: appDir, portable: true, mtime: new Date(0), gzip: true, noDirRecurse: true }, appEntries(appDir));
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { digest, archive: Buffer.concat(chunks).toString('base64') };
}
