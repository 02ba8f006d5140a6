import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeState, type NotifierState } from './notifier-policy';

/** A run holds the lock for a read and a write: one older than this is a killed run's. */
const STALE_LOCK_MS = 10_000;

function read(file: string): NotifierState {
  try {
    return normalizeState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return normalizeState(undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `change` on the state with the state folder locked (Nagios runs notifications in parallel: an
 * O_EXCL lock file, so none loses another's count), then writes the state back atomically (write, rename).
 */
export async function withState<T>(stateDir: string, change: (state: NotifierState) => T): Promise<T> {
  const lock = path.join(stateDir, 'lock');
  const file = path.join(stateDir, 'state.json');
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
      await sleep(20 + Math.random() * 30);
    }
  }
  try {
    const state = read(file);
    const result = change(state);
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, JSON.stringify(state));
    fs.renameSync(temporary, file);
    return result;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
