import type { Alert } from './notifier-config';
import { decide, normalizeState, retryDelay, undoSend, type NotifierState } from './notifier-policy';

const POLICY = { renotifySeconds: 600, hourlyCap: 30, buildGraceSeconds: 1800 };
const T = 1_800_000_000;
const alert = (type: string, state: string, service: string | undefined = 'apache'): Alert => ({ type, host: 'web1', service, state, output: '' });
const fresh = (): NotifierState => normalizeState(undefined);

/** The decisions for a sequence of [alert, seconds after T]. */
function run(sequence: [Alert, number][], policy = POLICY, state = fresh()): string[] {
  return sequence.map(([a, at]) => {
    const decision = decide(state, a, T + at, policy);
    return decision.send ? (decision.suppressed ? `send after ${decision.suppressed} suppressed` : 'send') : decision.reason;
  });
}

describe('decide', () => {
  it('sends the same notification once per re-notification interval', () => {
    expect(
      run([
        [alert('PROBLEM', 'CRITICAL'), 0],
        [alert('PROBLEM', 'CRITICAL'), 599],
        [alert('PROBLEM', 'CRITICAL'), 600],
      ]),
    ).toEqual(['send', 'duplicate', 'send']);
  });

  it('tells a change of state, of type, of service and of host apart', () => {
    expect(
      run([
        [alert('PROBLEM', 'WARNING'), 0],
        [alert('PROBLEM', 'CRITICAL'), 1],
        [alert('ACKNOWLEDGEMENT', 'CRITICAL'), 2],
        [alert('PROBLEM', 'CRITICAL', 'mysql'), 3],
        [alert('PROBLEM', 'DOWN', undefined), 4],
        [alert('PROBLEM', 'WARNING'), 5],
      ]),
    ).toEqual(['send', 'send', 'send', 'send', 'send', 'duplicate']);
  });

  it('makes the next problem news after a recovery, and the next recovery after a problem', () => {
    expect(
      run([
        [alert('PROBLEM', 'CRITICAL'), 0],
        [alert('RECOVERY', 'OK'), 10],
        [alert('PROBLEM', 'CRITICAL'), 20],
        [alert('RECOVERY', 'OK'), 30],
        [alert('RECOVERY', 'OK'), 40],
      ]),
    ).toEqual(['send', 'send', 'send', 'send', 'duplicate']);
  });

  it('sends every notification with a re-notification interval of 0', () => {
    expect(
      run(
        [
          [alert('PROBLEM', 'CRITICAL'), 0],
          [alert('PROBLEM', 'CRITICAL'), 0],
        ],
        { ...POLICY, renotifySeconds: 0 },
      ),
    ).toEqual(['send', 'send']);
  });

  it('stops at the hourly cap, counting what it holds back, and reports the count with the first SMS after', () => {
    const state = fresh();
    const services = ['a', 'b', 'c', 'd', 'e'];
    expect(
      run(
        services.map((s, i) => [alert('PROBLEM', 'CRITICAL', s), i]),
        { ...POLICY, hourlyCap: 2 },
        state,
      ),
    ).toEqual(['send', 'send', 'hourly cap', 'hourly cap', 'hourly cap']);
    expect(state.suppressed).toBe(3);
    // The window rolls: an hour after the first send one slot is free again.
    expect(run([[alert('PROBLEM', 'CRITICAL', 'f'), 3600]], { ...POLICY, hourlyCap: 2 }, state)).toEqual(['send after 3 suppressed']);
    expect(state.suppressed).toBe(0);
    expect(state.window).toEqual([T + 1, T + 3600, T + 3600]);
  });

  it('does not count a duplicate as suppressed', () => {
    const state = fresh();
    run(
      [
        [alert('PROBLEM', 'CRITICAL'), 0],
        [alert('PROBLEM', 'CRITICAL'), 1],
      ],
      { ...POLICY, hourlyCap: 1 },
      state,
    );
    expect(state.suppressed).toBe(0);
  });

  it('forgets what is older than the interval, so the state does not grow', () => {
    const state = fresh();
    run(
      [
        [alert('PROBLEM', 'CRITICAL'), 0],
        [alert('PROBLEM', 'CRITICAL', 'mysql'), 700],
      ],
      POLICY,
      state,
    );
    expect(Object.keys(state.sent)).toEqual(['["web1","mysql"]']);
  });
});

describe('decide, while a deployment builds', () => {
  const never = (type: string, state: string, stateSeconds: number, service = 'apache'): Alert => ({ ...alert(type, state, service), lastOk: 0, stateSeconds });
  const okAt = (type: string, state: string, lastOk: number): Alert => ({ ...alert(type, state), lastOk, stateSeconds: 30 });

  it('holds back the problem of what was never OK, and the first OK that ends it', () => {
    expect(
      run([
        [never('PROBLEM', 'CRITICAL', 20), 0],
        [never('PROBLEM', 'CRITICAL', 620), 600],
        [alert('RECOVERY', 'OK'), 700],
        [okAt('PROBLEM', 'CRITICAL', T + 700), 900],
      ]),
    ).toEqual(['never OK yet', 'never OK yet', 'first OK', 'send']);
  });

  it('pages for what was OK once at once, whatever else is being built', () => {
    expect(
      run([
        [never('PROBLEM', 'CRITICAL', 20, 'http-page'), 0],
        [okAt('PROBLEM', 'CRITICAL', T - 60), 5],
      ]),
    ).toEqual(['never OK yet', 'send']);
  });

  it('pages for what never came up once the grace is over, and then for its recovery', () => {
    expect(
      run([
        [never('PROBLEM', 'CRITICAL', 1000), 0],
        [never('PROBLEM', 'CRITICAL', 1800), 800],
        [alert('RECOVERY', 'OK'), 900],
      ]),
    ).toEqual(['never OK yet', 'send', 'send']);
  });

  it("pages as before for a notification without the macros (a Nagios of the caller's own)", () => {
    expect(
      run([
        [alert('PROBLEM', 'CRITICAL'), 0],
        [alert('RECOVERY', 'OK'), 60],
      ]),
    ).toEqual(['send', 'send']);
  });

  it('forgets after a day what was held back and never ended', () => {
    const state = fresh();
    decide(state, never('PROBLEM', 'CRITICAL', 20), T, POLICY);
    expect(run([[alert('RECOVERY', 'OK'), 86_400]], POLICY, state)).toEqual(['send']);
  });
});

describe('undoSend', () => {
  it('forgets an alert that did not get through and keeps a count whose report failed', () => {
    const state = fresh();
    state.suppressed = 2;
    decide(state, alert('PROBLEM', 'CRITICAL'), T, POLICY);
    undoSend(state, { alert: alert('PROBLEM', 'CRITICAL'), sentAt: T, unreported: 2 });
    expect(state.sent).toEqual({});
    expect(state.suppressed).toBe(2);
    expect(decide(state, alert('PROBLEM', 'CRITICAL'), T + 60, POLICY)).toEqual({ send: true, suppressed: 2 });
  });

  it('leaves a later send of the same notification alone', () => {
    const state = fresh();
    decide(state, alert('PROBLEM', 'CRITICAL'), T + 5, POLICY);
    undoSend(state, { alert: alert('PROBLEM', 'CRITICAL'), sentAt: T, unreported: 0 });
    expect(state.sent['["web1","apache"]']).toEqual({ 'PROBLEM CRITICAL': T + 5 });
  });
});

describe('normalizeState', () => {
  it('drops what does not fit: a torn file, an older layout', () => {
    expect(normalizeState('garbage')).toEqual({ sent: {}, window: [], suppressed: 0, building: {} });
    expect(
      normalizeState({
        sent: { 'web1/apache': T, '["web1","db"]': { 'PROBLEM CRITICAL': T, bad: 'x' } },
        window: [T, 'x'],
        suppressed: -1,
        building: { '["web1","db"]': T, x: 'y' },
      }),
    ).toEqual({
      sent: { '["web1","db"]': { 'PROBLEM CRITICAL': T } },
      window: [T],
      suppressed: 0,
      building: { '["web1","db"]': T },
    });
  });
});

it('doubles the retry delay', () => {
  expect([1, 2, 3].map((attempt) => retryDelay(attempt, 1000))).toEqual([1000, 2000, 4000]);
});
