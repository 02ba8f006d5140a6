import { timingSafeEqual } from 'node:crypto';

/** One SMS: an E.164 recipient and the alert text. */
export interface SmsMessage {
  to: string;
  text: string;
}

/** The HTTP request a preset asks the notifier to send; the notifier adds nothing to it. */
export interface SmsHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What a provider's answer means: delivered to the provider, or why not and whether a retry can help. */
export type SmsSendResult = { ok: true } | { ok: false; error: string; retryable: boolean };

/** A request as a sink receives it: node's `IncomingMessage` method, url (path and query), headers, and the body read. */
export interface ReceivedSmsRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A sink's verdict on a received request; `code` is the provider's own error code for the refusal. */
export type SmsVerifyResult = { ok: true } | { ok: false; code: string; message: string };

export function refuse(code: string, message: string): SmsVerifyResult {
  return { ok: false, code, message };
}

/** A header of a received request, whatever the case of its name; a repeated header counts as absent. */
export function headerOf(request: ReceivedSmsRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return typeof value === 'string' ? value : undefined;
  return undefined;
}

/** Compares a received secret or signature with the expected one without leaking where they differ. */
export function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The provider's URL with its scheme, host and port replaced by `endpoint` (the lab's sink), path kept. */
export function withEndpoint(providerUrl: string, endpoint: string | undefined): string {
  if (endpoint === undefined) return providerUrl;
  const target = new URL(providerUrl);
  const base = new URL(endpoint);
  target.protocol = base.protocol;
  target.host = base.host;
  return target.toString();
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A provider's body cut short for an error message: enough to diagnose, never a flood in the log. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
}

/** The answer of a provider whose body says nothing we understand: only the HTTP status tells. */
export function httpFailure(status: number, body: string): SmsSendResult {
  return { ok: false, error: `HTTP ${status}: ${excerpt(body) || '(empty body)'}`, retryable: status === 429 || status >= 500 };
}
