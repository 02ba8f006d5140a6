import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { buildSmsRequest, parseSmsResponse, type SmsSendResult } from '@hastack/sms';
import { Alert, alertText, NotifierConfig } from './notifier-config';
import { httpSend } from './http-send';
import { credentialsOf, logLine } from './notifier-log';
import { decide, retryDelay, undoSend } from './notifier-policy';
import { withState } from './notifier-state';

/** The longest one request may take. */
const REQUEST_TIMEOUT_MS = 8000;
/** An attempt with less time than this left is not started. */
const SHORTEST_ATTEMPT_MS = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One run: its settings, the time it must be done by, and its log. */
class Run {
  private readonly credentials: string[];
  readonly deadline: number;

  constructor(readonly config: NotifierConfig) {
    this.credentials = credentialsOf(config.settings);
    this.deadline = Date.now() + config.runBudgetMs;
  }

  log(fields: Record<string, string | number | undefined>): void {
    fs.appendFileSync(this.config.logFile, logLine(new Date(), fields, this.credentials));
  }

  /** One SMS to one number, retried with back-off while the provider's refusal (or the network) is one a retry can help and time is left. */
  async sendTo(to: string, text: string, about: string): Promise<boolean> {
    const { settings, retries } = this.config;
    for (let attempt = 1; ; attempt++) {
      let result: SmsSendResult;
      try {
        const request = buildSmsRequest(settings, { to, text }, new Date(), randomUUID());
        const response = await httpSend(request, Math.min(REQUEST_TIMEOUT_MS, this.deadline - Date.now()));
        result = parseSmsResponse(settings.provider, response.status, response.body);
      } catch (error) {
        result = { ok: false, error: `network: ${(error as Error).message}`, retryable: true };
      }
      this.log({ event: result.ok ? 'sent' : 'failed', about, to, provider: settings.provider, attempt, error: result.ok ? undefined : result.error });
      if (result.ok) return true;
      if (!result.retryable || attempt >= retries.attempts) return false;
      const delay = retryDelay(attempt, retries.firstDelayMs);
      if (Date.now() + delay + SHORTEST_ATTEMPT_MS > this.deadline) {
        this.log({ event: 'gave up', about, to, provider: settings.provider, attempt, reason: 'no time left for another attempt' });
        return false;
      }
      await sleep(delay);
    }
  }

  async sendToAll(text: string, about: string): Promise<boolean> {
    const results = await Promise.all(this.config.settings.recipients.map((to) => this.sendTo(to, text, about)));
    return results.every(Boolean);
  }
}

/**
 * Sends one Nagios notification to every recipient unless `decide` holds it back (a duplicate, or over
 * the hourly cap). Resolves with whether every recipient got what was due; held back counts as done.
 */
export async function notify(config: NotifierConfig, alert: Alert): Promise<boolean> {
  const run = new Run(config);
  const about = `${alert.type} ${alert.host}${alert.service ? `/${alert.service}` : ''}`;
  const now = Math.floor(Date.now() / 1000);
  const decision = await withState(config.stateDir, (state) => decide(state, alert, now, config));
  if (!decision.send) {
    run.log({ event: 'skipped', about, state: alert.state, reason: decision.reason });
    return true;
  }
  const reported =
    decision.suppressed === 0 ||
    (await run.sendToAll(`hastack: ${decision.suppressed} alerts suppressed (more than ${config.hourlyCap} in an hour)`, 'suppressed'));
  const delivered = await run.sendToAll(alertText(alert), about);
  if (!delivered || !reported)
    await withState(config.stateDir, (state) =>
      undoSend(state, { alert: delivered ? undefined : alert, sentAt: now, unreported: reported ? 0 : decision.suppressed }),
    );
  return delivered && reported;
}

/** A test SMS to every recipient, outside the cap and the duplicate rule. */
export function sendTest(config: NotifierConfig, text: string): Promise<boolean> {
  return new Run(config).sendToAll(text, 'TEST');
}
