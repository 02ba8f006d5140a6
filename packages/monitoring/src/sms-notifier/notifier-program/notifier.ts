import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { buildSmsRequest, parseSmsResponse, type SmsSendResult } from '@hastack/sms';
import { Alert, alertText, NotifierConfig } from './notifier-config';
import { httpSend } from './http-send';
import { withState } from './notifier-state';

const HOUR = 3600;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Appends one line to the log: what happened, to whom, through which provider; never a credential. */
function logLine(config: NotifierConfig, fields: Record<string, string | number | undefined>): void {
  const text = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(String(value))}`)
    .join(' ');
  fs.appendFileSync(config.logFile, `${new Date().toISOString()} ${text}\n`);
}

/** One SMS to one number, retried with back-off while the provider's refusal is one a retry can help. */
async function sendWithRetries(config: NotifierConfig, to: string, text: string, about: string): Promise<boolean> {
  const { attempts, firstDelayMs } = config.retries;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let result: SmsSendResult;
    try {
      const request = buildSmsRequest(config.settings, { to, text }, new Date(), randomUUID());
      const response = await httpSend(request, 8000);
      result = parseSmsResponse(config.settings.provider, response.status, response.body);
    } catch (error) {
      result = { ok: false, error: `network: ${(error as Error).message}`, retryable: true };
    }
    logLine(config, { event: result.ok ? 'sent' : 'failed', about, to, provider: config.settings.provider, attempt, error: result.ok ? undefined : result.error });
    if (result.ok) return true;
    if (!result.retryable || attempt === attempts) return false;
    await sleep(firstDelayMs * 2 ** (attempt - 1));
  }
  return false;
}

async function sendToAll(config: NotifierConfig, text: string, about: string): Promise<boolean> {
  const results = await Promise.all(config.settings.recipients.map((to) => sendWithRetries(config, to, text, about)));
  return results.every(Boolean);
}

/**
 * Sends one Nagios notification unless the same problem was sent within `renotifySeconds` or the
 * hourly cap is reached (then it is counted, and the next SMS sent is preceded by one saying how many
 * were suppressed). A recovery clears its problem, so the next problem is new. Resolves with whether
 * every recipient got what was due.
 */
export async function notify(config: NotifierConfig, alert: Alert): Promise<boolean> {
  const problem = `${alert.host}/${alert.service ?? ''}`;
  const about = `${alert.type} ${problem}`;
  const now = Math.floor(Date.now() / 1000);
  const decision = await withState(config.stateDir, (state) => {
    state.window = state.window.filter((at) => at > now - HOUR);
    const isProblem = alert.type === 'PROBLEM';
    if (isProblem && state.sent[problem] !== undefined && now - state.sent[problem] < config.renotifySeconds) return { send: false, reason: 'duplicate' } as const;
    if (!isProblem) delete state.sent[problem];
    if (state.window.length >= config.hourlyCap) {
      state.suppressed += 1;
      return { send: false, reason: 'hourly cap' } as const;
    }
    const suppressed = state.suppressed;
    state.suppressed = 0;
    state.window.push(now);
    if (suppressed) state.window.push(now);
    if (isProblem) state.sent[problem] = now;
    return { send: true, suppressed } as const;
  });
  if (!decision.send) {
    logLine(config, { event: 'skipped', about, reason: decision.reason });
    return true;
  }
  let delivered = true;
  if (decision.suppressed) delivered = await sendToAll(config, `hastack: ${decision.suppressed} alerts suppressed (more than ${config.hourlyCap} in an hour)`, 'suppressed');
  delivered = (await sendToAll(config, alertText(alert), about)) && delivered;
  // An alert that did not get through is not a duplicate: Nagios's next notification must try again.
  if (!delivered && alert.type === 'PROBLEM')
    await withState(config.stateDir, (state) => {
      if (state.sent[problem] === now) delete state.sent[problem];
    });
  return delivered;
}

/** A test SMS to every recipient, outside the cap and the duplicate rule. */
export function sendTest(config: NotifierConfig, text: string): Promise<boolean> {
  return sendToAll(config, text, 'TEST');
}
