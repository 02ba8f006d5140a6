import type { Answer } from '../status/site-probe';
import { answerOf } from '../status/site-probe';

export interface TrafficOptions {
  /** Requests started each second, each on a new connection, whether or not the ones before have answered. */
  perSecond?: number;
  /** How long one request may take before it counts as failed: a drill may stall answers, not lose them. */
  timeoutMs?: number;
  /** The key an answer is counted under (its host by default). */
  label?: (answer: Answer) => string;
}

export interface TrafficReport {
  requests: number;
  perSecond: number;
  /** Answers counted by label. */
  answers: Record<string, number>;
  /** Failed requests counted by reason (a reset, a refusal, a timeout, a status other than 200). */
  failures: Record<string, number>;
  failed: number;
  slowestMs: number;
}

/** A failure's reason, led by its code when it has one: ECONNRESET and ECONNREFUSED are what a drill must not cause. */
function reasonOf(error: unknown): string {
  const failure = error as Error & { code?: string };
  return (failure.code ? `${failure.code}: ` : '') + failure.message.slice(0, 120);
}

/**
 * A client starting requests to `url` at a steady rate until stopped, none kept alive (the load a drill is
 * measured under, "at least 20 requests/s through the VIP"). It does not wait for an answer before the next
 * request, as a site's visitors do not: a stall shows as slow answers, not as a slower client.
 */
export function startTraffic(url: string, options: TrafficOptions = {}) {
  const { perSecond = 25, timeoutMs = 10000, label = (answer: Answer) => answer.host } = options;
  const answers: Record<string, number> = {};
  const failures: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let slowestMs = 0;
  const started = Date.now();
  const send = async () => {
    const sent = Date.now();
    try {
      const key = label(await answerOf(url, timeoutMs));
      answers[key] = (answers[key] ?? 0) + 1;
    } catch (error) {
      const reason = reasonOf(error);
      failures[reason] = (failures[reason] ?? 0) + 1;
    }
    slowestMs = Math.max(slowestMs, Date.now() - sent);
  };
  let sentCount = 0;
  // A busy event loop fires the timer late: each tick sends every request due by then, so the rate holds.
  const timer = setInterval(() => {
    for (; sentCount < ((Date.now() - started) * perSecond) / 1000; sentCount++) {
      const request = send().finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  }, 1000 / perSecond);
  let report: Promise<TrafficReport> | undefined;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);
  return {
    /** Stops sending and waits for the requests in flight; stopping twice gives the same report. */
    stop(): Promise<TrafficReport> {
      clearInterval(timer);
      const stopped = Date.now();
      report ??= Promise.all([...inFlight]).then(() => {
        const failed = sum(failures);
        const requests = sum(answers) + failed;
        return { requests, perSecond: requests / ((stopped - started) / 1000), answers, failures, failed, slowestMs };
      });
      return report;
    },
  };
}

/** One line for a drill's log: how many requests at what rate, what answered, what failed, the slowest. */
export function describeTraffic(report: TrafficReport): string {
  return (
    `client: ${report.requests} requests at ${report.perSecond.toFixed(1)}/s, answers ${JSON.stringify(report.answers)}, ` +
    `${report.failed} failed ${JSON.stringify(report.failures)}, slowest ${report.slowestMs} ms`
  );
}
