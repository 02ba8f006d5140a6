import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processAlive } from '../processes';

/** A short hash of everything an artefact is built from: change any part and the cache misses. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/**
 * Returns `dir`, building it first when it is missing. The build fills a private folder that is renamed into
 * place only when it succeeded, so an interrupted build never looks finished, and two clones building the
 * same entry at once both end up with a whole one.
 */
export async function cachedDir(dir: string, build: (into: string) => Promise<void>): Promise<boolean> {
  if (fs.existsSync(dir)) {
    return false;
  }
  removeAbandonedBuilds(dir);
  const partial = `${dir}.partial-${process.pid}`;
  fs.mkdirSync(partial, { recursive: true });
  try {
    await build(partial);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  try {
    fs.renameSync(partial, dir);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    // Another clone finished the same entry first: theirs is as good as ours.
    if (!fs.existsSync(dir)) {
      throw error;
    }
  }
  return true;
}

function removeAbandonedBuilds(dir: string): void {
  const prefix = `${path.basename(dir)}.partial-`;
  const parent = path.dirname(dir);
  for (const entry of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    const pid = Number(entry.slice(prefix.length));
    if (entry.startsWith(prefix) && !processAlive(pid)) {
      fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}
