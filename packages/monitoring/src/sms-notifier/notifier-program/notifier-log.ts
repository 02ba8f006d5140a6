import type { SmsSettings } from '@hastack/sms';

/** Settings whose values never reach the log, whatever a provider's answer or an error echoes. */
const CREDENTIALS = ['accessKeyId', 'accessKeySecret', 'secretId', 'secretKey', 'accountSid', 'authToken', 'bearerToken'];

/** The settings' credential values, for `logLine` to blank out. */
export function credentialsOf(settings: SmsSettings): string[] {
  const values = settings as unknown as Record<string, unknown>;
  return CREDENTIALS.map((name) => values[name]).filter((value): value is string => typeof value === 'string' && value !== '');
}

/** One log line: ISO time, then `key="value"` pairs (values JSON-quoted, so one line each), every credential value replaced by `***`. */
export function logLine(at: Date, fields: Record<string, string | number | undefined>, credentials: readonly string[]): string {
  const text = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    // Blanked before quoting: a credential with a quote or backslash in it is found as it is.
    .map(([key, value]) => `${key}=${JSON.stringify(credentials.reduce((blanked, secret) => blanked.split(secret).join('***'), String(value)))}`)
    .join(' ');
  return `${at.toISOString()} ${text}\n`;
}
