import type { TwilioSmsSettings } from './sms-settings';
import {
  headerOf,
  httpFailure,
  isRecord,
  parseJson,
  refuse,
  sameSecret,
  withEndpoint,
  type ReceivedSmsRequest,
  type SmsHttpRequest,
  type SmsMessage,
  type SmsSendResult,
  type SmsVerifyResult,
} from './sms-http';

/** Twilio Programmable Messaging: create a Message resource, authenticated with HTTP Basic (Account SID, Auth Token). */
export const TWILIO_API_URL = 'https://api.twilio.com/';

export function twilioMessagesPath(accountSid: string): string {
  return `/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
}

function basic(accountSid: string, authToken: string): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64')}`;
}

/** Twilio codes that mean "later": too many requests, and a sender's queue that is full for now. */
const RETRYABLE_CODES = new Set([20429, 21611]);

/** A form-encoded POST of To, From and Body. The clock and nonce are not used: Basic auth signs nothing. */
export function buildRequest(settings: TwilioSmsSettings, message: SmsMessage, _now: Date, _nonce: string): SmsHttpRequest {
  const url = withEndpoint(new URL(twilioMessagesPath(settings.accountSid), TWILIO_API_URL).toString(), settings.endpoint);
  return {
    method: 'POST',
    url,
    headers: {
      Authorization: basic(settings.accountSid, settings.authToken),
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({ To: message.to, From: settings.from, Body: message.text }).toString(),
  };
}

/** 201 with a Message (`sid`) is success; a body with `code`/`message` is Twilio's error; 429 and 5xx can be retried. */
export function parseResponse(status: number, body: string): SmsSendResult {
  const json = parseJson(body);
  const retryable = status === 429 || status >= 500;
  if (isRecord(json) && typeof json.code === 'number' && typeof json.message === 'string')
    return { ok: false, error: `Twilio ${json.code}: ${json.message}`, retryable: retryable || RETRYABLE_CODES.has(json.code) };
  if (status >= 200 && status < 300 && isRecord(json) && typeof json.sid === 'string') {
    if (json.status === 'failed' || json.status === 'undelivered')
      return { ok: false, error: `Twilio message ${json.sid} is ${json.status}${json.error_code ? ` (error ${json.error_code})` : ''}`, retryable: false };
    return { ok: true };
  }
  return httpFailure(status, body);
}

/**
 * Checks a received Message creation as Twilio would: the account's path, POST, Basic credentials, and To,
 * From and Body present. Refusals carry Twilio's error codes (the sink answers them with their HTTP status).
 */
export function verifyRequest(request: ReceivedSmsRequest, credentials: { accountSid: string; authToken: string }): SmsVerifyResult {
  const url = new URL(request.url, 'http://sink');
  if (url.pathname !== twilioMessagesPath(credentials.accountSid) || request.method !== 'POST')
    return refuse('20404', `The requested resource ${url.pathname} was not found`);
  if (!sameSecret(headerOf(request, 'authorization') ?? '', basic(credentials.accountSid, credentials.authToken))) return refuse('20003', 'Authenticate');
  const form = new URLSearchParams(request.body);
  if (!form.get('To')) return refuse('21604', "A 'To' phone number is required.");
  if (!form.get('From')) return refuse('21603', "A 'From' phone number is required.");
  if (!form.get('Body')) return refuse('21602', 'Message body is required.');
  return { ok: true };
}
