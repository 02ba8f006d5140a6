import type { WebhookSmsSettings } from './sms-settings';
import {
  excerpt,
  headerOf,
  httpFailure,
  isRecord,
  parseJson,
  refuse,
  sameSecret,
  type ReceivedSmsRequest,
  type SmsHttpRequest,
  type SmsMessage,
  type SmsSendResult,
  type SmsVerifyResult,
} from './sms-http';

/** A POST of `{"to","text"}` as JSON, with `Authorization: Bearer` when a token is set. Clock and nonce are not used. */
export function buildRequest(settings: WebhookSmsSettings, message: SmsMessage, _now: Date, _nonce: string): SmsHttpRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (settings.bearerToken !== undefined) headers.Authorization = `Bearer ${settings.bearerToken}`;
  return { method: 'POST', url: settings.url, headers, body: JSON.stringify({ to: message.to, text: message.text }) };
}

/** 2xx is success unless the body is a JSON object saying otherwise (`"ok": false` or an `error`); 429 and 5xx can be retried. */
export function parseResponse(status: number, body: string): SmsSendResult {
  if (status < 200 || status >= 300) return httpFailure(status, body);
  const json = parseJson(body);
  if (isRecord(json) && (json.ok === false || (json.error !== undefined && json.error !== null)))
    return { ok: false, error: `webhook refused: ${typeof json.error === 'string' ? json.error : excerpt(body)}`, retryable: false };
  return { ok: true };
}

/** Checks a received webhook call: POST, the bearer token when one is set, and a JSON body with `to` and `text`. */
export function verifyRequest(request: ReceivedSmsRequest, settings: { bearerToken?: string }): SmsVerifyResult {
  if (request.method !== 'POST') return refuse('405', 'POST only');
  if (settings.bearerToken !== undefined && !sameSecret(headerOf(request, 'authorization') ?? '', `Bearer ${settings.bearerToken}`))
    return refuse('401', 'bad or missing bearer token');
  const json = parseJson(request.body);
  if (!isRecord(json) || typeof json.to !== 'string' || typeof json.text !== 'string')
    return refuse('400', 'the body must be JSON with string "to" and "text"');
  return { ok: true };
}
