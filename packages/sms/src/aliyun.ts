import { createHmac } from 'node:crypto';
import type { AliyunSmsSettings } from './sms-settings';
import {
  excerpt,
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

/** Alibaba Cloud SMS: RPC-style API `SendSms`, version 2017-05-25, signed with HMAC-SHA1 (signature version 1.0). */
export const ALIYUN_SMS_URL = 'https://dysmsapi.aliyuncs.com/';
export const ALIYUN_SMS_VERSION = '2017-05-25';
/** How far a request's Timestamp may be from the server's clock before Alibaba refuses it. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** Limits that lift within minutes: a retry with back-off can get through; a daily or monthly quota cannot. */
const RETRYABLE = /^(isv\.BUSINESS_LIMIT_CONTROL|Throttling(\..*)?|ServiceUnavailable|InternalError|isp\.SYSTEM_ERROR)$/;

/** RFC 3986 encoding as the signature wants it: only A-Z a-z 0-9 - _ . ~ stay, a space is %20. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The parameters sorted by name (Signature left out), each name and value encoded, joined with `&`. */
export function aliyunCanonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${aliyunPercentEncode(name)}=${aliyunPercentEncode(params[name])}`)
    .join('&');
}

/** `METHOD&%2F&` then the canonicalized query, encoded once more. */
export function aliyunStringToSign(method: string, params: Record<string, string>): string {
  return `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalizedQuery(params))}`;
}

/** Base64 of HMAC-SHA1 over the string to sign, keyed with the AccessKey secret followed by `&`. */
export function aliyunSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(aliyunStringToSign(method, params), 'utf8').digest('base64');
}

/** ISO 8601 in UTC to the second, the form the API takes (`2017-07-12T02:42:19Z`). */
function timestampOf(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A signed GET of `SendSms`; the number goes without its `+` (country code then number), the text as the template's variable. */
export function buildRequest(settings: AliyunSmsSettings, message: SmsMessage, now: Date, nonce: string): SmsHttpRequest {
  const params: Record<string, string> = {
    AccessKeyId: settings.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: message.to.replace(/^\+/, ''),
    RegionId: settings.regionId ?? 'cn-hangzhou',
    SignName: settings.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: settings.templateCode,
    TemplateParam: JSON.stringify({ [settings.templateParamName ?? 'content']: message.text }),
    Timestamp: timestampOf(now),
    Version: ALIYUN_SMS_VERSION,
  };
  const signature = aliyunSignature('GET', params, settings.accessKeySecret);
  const url = `${withEndpoint(ALIYUN_SMS_URL, settings.endpoint)}?Signature=${aliyunPercentEncode(signature)}&${aliyunCanonicalizedQuery(params)}`;
  return { method: 'GET', url, headers: { Accept: 'application/json' }, body: '' };
}

/** `{"Code":"OK",...}` is the only success, whatever the HTTP status says. */
export function parseResponse(status: number, body: string): SmsSendResult {
  const json = parseJson(body);
  if (!isRecord(json) || typeof json.Code !== 'string') return httpFailure(status, body);
  if (json.Code === 'OK' && status >= 200 && status < 300) return { ok: true };
  const message = typeof json.Message === 'string' ? json.Message : excerpt(body);
  return { ok: false, error: `${json.Code}: ${message}`, retryable: RETRYABLE.test(json.Code) || status >= 500 };
}

/** Parameters of a received request: the query of a GET, the form body of a POST. */
function receivedParams(request: ReceivedSmsRequest, url: URL): Record<string, string> {
  const form = request.method === 'POST' && (headerOf(request, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  const params: Record<string, string> = {};
  for (const [name, value] of url.searchParams) params[name] = value;
  if (form) for (const [name, value] of new URLSearchParams(request.body)) params[name] = value;
  return params;
}

const REQUIRED_PARAMS = [
  'AccessKeyId',
  'Action',
  'PhoneNumbers',
  'SignName',
  'Signature',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'TemplateCode',
  'Timestamp',
  'Version',
];

/**
 * Checks a received `SendSms` as Alibaba would: path, method, required parameters, the AccessKey ID, the
 * Timestamp's age (when `now` is given) and the signature recomputed with the secret. Refusals carry Alibaba's codes.
 */
export function verifyRequest(request: ReceivedSmsRequest, credentials: { accessKeyId: string; accessKeySecret: string }, now?: Date): SmsVerifyResult {
  const url = new URL(request.url, 'http://sink');
  if (url.pathname !== '/' || (request.method !== 'GET' && request.method !== 'POST'))
    return refuse('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
  const params = receivedParams(request, url);
  for (const name of REQUIRED_PARAMS) if (!params[name]) return refuse(`Missing${name}`, `${name} is mandatory for this action.`);
  if (params.Action !== 'SendSms' || params.Version !== ALIYUN_SMS_VERSION)
    return refuse('InvalidAction.NotFound', `Specified api ${params.Action} ${params.Version} is not found.`);
  if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0')
    return refuse('InvalidSignatureMethod', `Specified signature method ${params.SignatureMethod} ${params.SignatureVersion} is not supported.`);
  if (params.AccessKeyId !== credentials.accessKeyId) return refuse('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const sent = Date.parse(params.Timestamp);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp) || Number.isNaN(sent))
    return refuse('InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  if (now !== undefined && Math.abs(now.getTime() - sent) > MAX_SKEW_MS)
    return refuse('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  if (!sameSecret(params.Signature, aliyunSignature(request.method, params, credentials.accessKeySecret)))
    return refuse('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  return { ok: true };
}
