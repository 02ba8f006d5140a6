/** The SMS providers a notifier can send through. */
export const SMS_PROVIDERS = ['aliyun', 'tencent', 'twilio', 'webhook'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

interface SmsSettingsBase {
  /** Phone numbers the alerts go to, in E.164 (`+8613800000000`). */
  recipients: string[];
  /** Scheme, host and port replacing the provider's (http/https, no path): the lab points a preset at its sink. */
  endpoint?: string;
}

/** Alibaba Cloud SMS (`SendSms`, 2017-05-25); the text travels as one template parameter. */
export interface AliyunSmsSettings extends SmsSettingsBase {
  provider: 'aliyun';
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved signature name (签名). */
  signName: string;
  /** The approved template (`SMS_...`) with one variable taking the alert text. */
  templateCode: string;
  /** Name of that template variable (`content`). */
  templateParamName?: string;
  /** Region of the API (`cn-hangzhou`). */
  regionId?: string;
}

/** Tencent Cloud SMS (`SendSms`, 2021-01-11); the text is the template's only parameter. */
export interface TencentSmsSettings extends SmsSettingsBase {
  provider: 'tencent';
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (`1400...`). */
  sdkAppId: string;
  signName: string;
  /** The approved template with one parameter taking the alert text. */
  templateId: string;
  /** API region (`ap-guangzhou`). */
  region: string;
}

/** Twilio Programmable Messaging (Messages resource, HTTP Basic auth). */
export interface TwilioSmsSettings extends SmsSettingsBase {
  provider: 'twilio';
  accountSid: string;
  authToken: string;
  /** The sending Twilio number, E.164. */
  from: string;
}

/** Any HTTP endpoint taking `{"to","text"}` as JSON. */
export interface WebhookSmsSettings extends Omit<SmsSettingsBase, 'endpoint'> {
  provider: 'webhook';
  /** Where the JSON is POSTed (http/https). */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  bearerToken?: string;
}

export type SmsSettings = AliyunSmsSettings | TencentSmsSettings | TwilioSmsSettings | WebhookSmsSettings;

/** The credentials and names each provider cannot send without. */
const REQUIRED: Record<SmsProvider, readonly string[]> = {
  aliyun: ['accessKeyId', 'accessKeySecret', 'signName', 'templateCode'],
  tencent: ['secretId', 'secretKey', 'sdkAppId', 'signName', 'templateId', 'region'],
  twilio: ['accountSid', 'authToken', 'from'],
  webhook: ['url'],
};
const OPTIONAL_STRINGS: Record<SmsProvider, readonly string[]> = {
  aliyun: ['templateParamName', 'regionId'],
  tencent: [],
  twilio: [],
  webhook: ['bearerToken'],
};

/** `+`, then 8 to 15 digits, the first not 0. */
export const E164 = /^\+[1-9]\d{7,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

function isHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Every problem of the settings at once, each naming the setting; takes what stack config gave, typed or not. */
export function validateSmsSettings(settings: unknown): string[] {
  if (typeof settings !== 'object' || settings === null) return ['sms: the settings must be an object'];
  const s = settings as Record<string, unknown>;
  const problems: string[] = [];
  const provider = s.provider;
  const known = SMS_PROVIDERS.find((p) => p === provider);
  if (known === undefined) problems.push(`provider: ${JSON.stringify(provider)} is not one of ${SMS_PROVIDERS.join(', ')}`);

  if (!Array.isArray(s.recipients) || s.recipients.length === 0) problems.push('recipients: at least one phone number is needed');
  else
    s.recipients.forEach((number, i) => {
      if (typeof number !== 'string' || !isE164(number))
        problems.push(`recipients[${i}]: ${JSON.stringify(number)} is not an E.164 number (+ then 8 to 15 digits, the first not 0)`);
    });

  if (known === undefined) return problems;
  for (const name of REQUIRED[known])
    if (typeof s[name] !== 'string' || (s[name] as string).trim() === '') problems.push(`${name}: ${known} needs it, non-empty`);
  for (const name of OPTIONAL_STRINGS[known])
    if (s[name] !== undefined && (typeof s[name] !== 'string' || (s[name] as string).trim() === '')) problems.push(`${name}: must be non-empty when set`);

  if (known === 'twilio') {
    if (typeof s.from === 'string' && s.from !== '' && !isE164(s.from)) problems.push(`from: ${JSON.stringify(s.from)} is not an E.164 number`);
    // The SID is a path segment of the API's URL.
    if (typeof s.accountSid === 'string' && s.accountSid !== '' && !/^[A-Za-z0-9]+$/.test(s.accountSid))
      problems.push('accountSid: letters and digits only (an Account SID is AC followed by 32 hex digits)');
  }
  if (known === 'webhook') {
    if (typeof s.url === 'string' && s.url !== '' && !isHttpUrl(s.url)) problems.push(`url: ${JSON.stringify(s.url)} is not an http(s) URL`);
    if (s.endpoint !== undefined) problems.push('endpoint: a webhook has no provider URL to replace; set url');
  } else if (s.endpoint !== undefined) {
    const url = typeof s.endpoint === 'string' ? isHttpUrl(s.endpoint) : undefined;
    if (url === undefined || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '')
      problems.push(`endpoint: ${JSON.stringify(s.endpoint)} is not an http(s) URL of scheme, host and port only`);
  }
  return problems;
}
