import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the notifier remembers between runs. */
export interface NotifierState {
  /** When the SMS for a problem (`host/service`) was sent, in epoch seconds. */
  sent: Record<string, number>;
  /** Epoch seconds of the SMS sent in the last hour. */
  window: number[];
  /** Alerts not sent because of the hourly cap, not yet reported. */
  suppressed: number;
}

const EMPTY: NotifierState = { sent: {}, window: [], suppressed: 0 };

function read(file: string): NotifierState {
  try {
    return { ...EMPTY, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<NotifierState>) };
  } catch {
    return { ...EMPTY, sent: {}, window: [] };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `change` on the state with the state folder locked (Nagios may run several notifications at
 * once), then writes the state back atomically. A lock older than a minute is a crashed run's.
 */
export async function withState<T>(stateDir: string, change: (state: NotifierState) => T): Promise<T> {
  const lock = path.join(stateDir, 'lock');
  const file = path.join(stateDir, 'state.json');
  for (let waited = 0; ; waited += 50) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000 || waited > 20_000) fs.rmSync(lock, { force: true });
      await sleep(50);
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
