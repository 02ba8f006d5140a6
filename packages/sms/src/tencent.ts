import { createHash, createHmac } from 'node:crypto';
import type { TencentSmsSettings } from './sms-settings';
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

/** Tencent Cloud SMS: API 3.0 action `SendSms`, version 2021-01-11, signed with TC3-HMAC-SHA256. */
export const TENCENT_SMS_HOST = 'sms.tencentcloudapi.com';
export const TENCENT_SMS_VERSION = '2021-01-11';
const SERVICE = 'sms';
const ALGORITHM = 'TC3-HMAC-SHA256';
const CONTENT_TYPE = 'application/json; charset=utf-8';
/** Tencent refuses a request whose X-TC-Timestamp is more than 5 minutes off. */
const MAX_SKEW_SECONDS = 300;
/** Limits that lift within minutes (per-number 30 s / 1 h limits, API rate limits); daily quotas are final for the day. */
const RETRYABLE =
  /^(RequestLimitExceeded(\..*)?|LimitExceeded\.(PhoneNumberThirtySecondLimit|PhoneNumberOneHourLimit|DeliveryFrequencyLimit)|InternalError(\..*)?)$/;

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** What TC3 signs: the request's parts, its signed headers (any case, values as sent) and the caller's clock. */
export interface Tc3Input {
  method: string;
  /** Canonical URI; API 3.0 uses `/`. */
  path: string;
  /** Query string as sent (empty for POST). */
  query: string;
  /** The headers that take part in the signature, at least content-type and host. */
  headers: Record<string, string>;
  payload: string;
  /** X-TC-Timestamp, seconds since the epoch. */
  timestamp: number;
  service: string;
}

export interface Tc3Signature {
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
  signature: string;
}

/** The UTC date of a timestamp: the scope's date is UTC's, whatever the caller's time zone. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** TC3-HMAC-SHA256: canonical request, string to sign, key derived from "TC3"+SecretKey by date, service, "tc3_request". */
export function tc3Sign(input: Tc3Input, secretKey: string): Tc3Signature {
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    input.method,
    input.path,
    input.query,
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    sha256Hex(input.payload),
  ].join('\n');
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return { canonicalRequest, stringToSign, credentialScope, signedHeaders, signature };
}

export function tc3Authorization(secretId: string, signed: Tc3Signature): string {
  return `${ALGORITHM} Credential=${secretId}/${signed.credentialScope}, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`;
}

/** A signed POST of `SendSms` to one number; the text is the template's only parameter. The nonce is not used: TC3 has none. */
export function buildRequest(settings: TencentSmsSettings, message: SmsMessage, now: Date, _nonce: string): SmsHttpRequest {
  const url = withEndpoint(`https://${TENCENT_SMS_HOST}/`, settings.endpoint);
  const host = new URL(url).host;
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({
    PhoneNumberSet: [message.to],
    SmsSdkAppId: settings.sdkAppId,
    SignName: settings.signName,
    TemplateId: settings.templateId,
    TemplateParamSet: [message.text],
  });
  const signed = tc3Sign(
    {
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'Content-Type': CONTENT_TYPE, Host: host, 'X-TC-Action': 'SendSms' },
      payload: body,
      timestamp,
      service: SERVICE,
    },
    settings.secretKey,
  );
  return {
    method: 'POST',
    url,
    headers: {
      Authorization: tc3Authorization(settings.secretId, signed),
      'Content-Type': CONTENT_TYPE,
      Host: host,
      'X-TC-Action': 'SendSms',
      'X-TC-Version': TENCENT_SMS_VERSION,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': settings.region,
    },
    body,
  };
}

function errorOf(value: unknown): { code: string; message: string } | undefined {
  if (!isRecord(value) || typeof value.Code !== 'string') return undefined;
  return { code: value.Code, message: typeof value.Message === 'string' ? value.Message : '' };
}

/** Success only when every number's SendStatus says `Ok`; a `Response.Error` or any other per-number code is a failure, even with HTTP 200. */
export function parseResponse(status: number, body: string): SmsSendResult {
  const json = parseJson(body);
  const response = isRecord(json) && isRecord(json.Response) ? json.Response : undefined;
  if (response === undefined) return httpFailure(status, body);
  const fail = (code: string, message: string): SmsSendResult => ({
    ok: false,
    error: `${code}: ${message}`,
    retryable: RETRYABLE.test(code) || status >= 500,
  });
  const error = errorOf(response.Error);
  if (error) return fail(error.code, error.message);
  const set = Array.isArray(response.SendStatusSet) ? response.SendStatusSet : [];
  if (set.length === 0) return fail('EmptySendStatusSet', 'the answer lists no number');
  for (const entry of set) {
    const sent = errorOf(entry);
    if (!sent) return fail('MalformedSendStatus', 'a SendStatus has no Code');
    if (sent.code !== 'Ok')
      return fail(sent.code, `${sent.message}${isRecord(entry) && typeof entry.PhoneNumber === 'string' ? ` (${entry.PhoneNumber})` : ''}`);
  }
  if (status < 200 || status >= 300) return httpFailure(status, body);
  return { ok: true };
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d\d-\d\d)\/([a-z0-9]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Checks a received `SendSms` as Tencent would: path and method, the common headers, the SecretId, the
 * timestamp's age (when `now` is given), the signature recomputed over the headers the request says it signed,
 * and the required parameters. Refusals carry Tencent's error codes.
 */
export function verifyRequest(request: ReceivedSmsRequest, credentials: { secretId: string; secretKey: string }, now?: Date): SmsVerifyResult {
  const url = new URL(request.url, 'http://sink');
  if (url.pathname !== '/' || request.method !== 'POST') return refuse('UnsupportedProtocol', 'Only POST / is served here.');
  const auth = AUTHORIZATION.exec(headerOf(request, 'authorization') ?? '');
  if (!auth) return refuse('AuthFailure.InvalidAuthorization', 'The Authorization header is not TC3-HMAC-SHA256.');
  const [, secretId, date, service, signedHeaderList, signature] = auth;
  if (secretId !== credentials.secretId) return refuse('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
  if (headerOf(request, 'x-tc-action') !== 'SendSms') return refuse('InvalidAction', 'The action does not exist.');
  if (headerOf(request, 'x-tc-version') !== TENCENT_SMS_VERSION) return refuse('NoSuchVersion', 'The API version does not exist.');
  if (!headerOf(request, 'x-tc-region')) return refuse('MissingParameter', 'The X-TC-Region header is missing.');
  const timestamp = Number(headerOf(request, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp) || timestamp <= 0) return refuse('MissingParameter', 'The X-TC-Timestamp header is missing or not a number.');
  if (now !== undefined && Math.abs(now.getTime() / 1000 - timestamp) > MAX_SKEW_SECONDS)
    return refuse('AuthFailure.SignatureExpire', 'The signature has expired.');
  const names = signedHeaderList.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return refuse('AuthFailure.SignatureFailure', 'content-type and host must be signed.');
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = headerOf(request, name);
    if (value === undefined) return refuse('AuthFailure.SignatureFailure', `The signed header ${name} is missing.`);
    headers[name] = value;
  }
  if (service !== SERVICE || date !== tc3Date(timestamp)) return refuse('AuthFailure.SignatureFailure', 'The credential scope does not match the request.');
  const expected = tc3Sign(
    { method: 'POST', path: '/', query: url.search.replace(/^\?/, ''), headers, payload: request.body, timestamp, service },
    credentials.secretKey,
  );
  if (!sameSecret(signature, expected.signature)) return refuse('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
  const body = parseJson(request.body);
  if (!isRecord(body)) return refuse('InvalidParameter', 'The body is not a JSON object.');
  for (const name of ['SmsSdkAppId', 'SignName', 'TemplateId'])
    if (typeof body[name] !== 'string' || body[name] === '') return refuse('MissingParameter', `The parameter ${name} is missing.`);
  if (!Array.isArray(body.PhoneNumberSet) || body.PhoneNumberSet.length === 0) return refuse('MissingParameter', 'The parameter PhoneNumberSet is missing.');
  return { ok: true };
}
