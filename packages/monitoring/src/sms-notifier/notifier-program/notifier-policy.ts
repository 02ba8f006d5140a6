import type { Alert, NotifierConfig } from './notifier-config';

const HOUR = 3600;
/** A problem held back while its service was built, and never ended (the service left the site meanwhile), is forgotten after a day. */
const DAY = 86400;

/** What the notifier remembers between runs (epoch seconds throughout). */
export interface NotifierState {
  /** Per host and service (`["web1","apache"]`), when each notification (`"PROBLEM CRITICAL"`) was last sent. */
  sent: Record<string, Record<string, number>>;
  /** When each SMS of the last hour was sent. */
  window: number[];
  /** Alerts not sent because of the hourly cap, not yet reported. */
  suppressed: number;
  /** Per host and service never OK yet, when its last problem was held back: its recovery is held back too. */
  building: Record<string, number>;
}

export type Decision = { send: false; reason: 'duplicate' | 'hourly cap' | 'never OK yet' | 'first OK' } | { send: true; suppressed: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state as read from its file: whatever does not fit (an older layout, a torn file) is dropped rather than trusted. */
export function normalizeState(raw: unknown): NotifierState {
  const state: NotifierState = { sent: {}, window: [], suppressed: 0, building: {} };
  if (!isRecord(raw)) return state;
  if (isRecord(raw.sent))
    for (const [problem, sent] of Object.entries(raw.sent)) {
      if (!isRecord(sent)) continue;
      const times = Object.entries(sent).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
      if (times.length) state.sent[problem] = Object.fromEntries(times);
    }
  if (Array.isArray(raw.window)) state.window = raw.window.filter((at): at is number => typeof at === 'number');
  if (typeof raw.suppressed === 'number' && raw.suppressed > 0) state.suppressed = Math.floor(raw.suppressed);
  if (isRecord(raw.building))
    state.building = Object.fromEntries(Object.entries(raw.building).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  return state;
}

function problemOf(alert: Alert): string {
  return JSON.stringify([alert.host, alert.service ?? '']);
}

function notificationOf(alert: Alert): string {
  return `${alert.type} ${alert.state}`;
}

/**
 * Whether to send `alert` now, updating `state`. A problem of what has never been OK and has lasted less than
 * `buildGraceSeconds` is a deployment at work, not news: held back, and the recovery that ends it too (what
 * was OK once pages at once, whatever else is being built). Then: the same notification (host, service, type, state) at
 * most once per `renotifySeconds`, at most `hourlyCap` SMS in any hour (over it the alert is counted,
 * and the next SMS sent is preceded by one reporting the count: that one may pass the cap by one). A
 * recovery sent makes the next problem of that service news, and a problem sent the next recovery.
 */
export function decide(
  state: NotifierState,
  alert: Alert,
  now: number,
  policy: Pick<NotifierConfig, 'renotifySeconds' | 'hourlyCap' | 'buildGraceSeconds'>,
): Decision {
  state.window = state.window.filter((at) => at > now - HOUR);
  for (const [key, at] of Object.entries(state.building)) if (at <= now - DAY) delete state.building[key];
  const problem = problemOf(alert);
  if (alert.type === 'PROBLEM' && alert.lastOk === 0 && (alert.stateSeconds ?? Infinity) < policy.buildGraceSeconds) {
    state.building[problem] = now;
    return { send: false, reason: 'never OK yet' };
  }
  if (state.building[problem] !== undefined) {
    delete state.building[problem];
    if (alert.type === 'RECOVERY') return { send: false, reason: 'first OK' };
  }
  for (const [key, times] of Object.entries(state.sent)) {
    for (const [notification, at] of Object.entries(times)) if (at <= now - policy.renotifySeconds) delete times[notification];
    if (Object.keys(times).length === 0) delete state.sent[key];
  }
  const sent = state.sent[problem] ?? {};
  if (sent[notificationOf(alert)] !== undefined) return { send: false, reason: 'duplicate' };
  if (state.window.length >= policy.hourlyCap) {
    state.suppressed += 1;
    return { send: false, reason: 'hourly cap' };
  }
  const suppressed = state.suppressed;
  state.suppressed = 0;
  state.window.push(now);
  if (suppressed) state.window.push(now);
  const ends =
    alert.type === 'RECOVERY' ? (n: string) => !n.startsWith('RECOVERY ') : alert.type === 'PROBLEM' ? (n: string) => n.startsWith('RECOVERY ') : () => false;
  for (const notification of Object.keys(sent)) if (ends(notification)) delete sent[notification];
  sent[notificationOf(alert)] = now;
  state.sent[problem] = sent;
  return { send: true, suppressed };
}

/**
 * What did not get through: an alert not delivered is not remembered as sent (Nagios's next
 * notification tries again), and a suppressed count whose report failed goes with the next SMS.
 */
export function undoSend(state: NotifierState, failed: { alert?: Alert; sentAt: number; unreported: number }): void {
  state.suppressed += failed.unreported;
  if (failed.alert === undefined) return;
  const problem = problemOf(failed.alert);
  const sent = state.sent[problem];
  if (sent?.[notificationOf(failed.alert)] !== failed.sentAt) return;
  delete sent[notificationOf(failed.alert)];
  if (Object.keys(sent).length === 0) delete state.sent[problem];
}

/** The wait before attempt `attempt + 1`: `firstDelayMs`, then doubling. */
export function retryDelay(attempt: number, firstDelayMs: number): number {
  return firstDelayMs * 2 ** (attempt - 1);
}
