import * as aliyun from './aliyun';
import type { SmsHttpRequest, SmsMessage, SmsSendResult } from './sms-http';
import type { SmsProvider, SmsSettings } from './sms-settings';
import * as tencent from './tencent';
import * as twilio from './twilio';
import * as webhook from './webhook';

/** The request the settings' provider wants for one SMS; `now` and `nonce` come from the caller so the request is reproducible. */
export function buildSmsRequest(settings: SmsSettings, message: SmsMessage, now: Date, nonce: string): SmsHttpRequest {
  switch (settings.provider) {
    case 'aliyun':
      return aliyun.buildRequest(settings, message, now, nonce);
    case 'tencent':
      return tencent.buildRequest(settings, message, now, nonce);
    case 'twilio':
      return twilio.buildRequest(settings, message, now, nonce);
    case 'webhook':
      return webhook.buildRequest(settings, message, now, nonce);
  }
}

/** What the provider's answer to a send means. */
export function parseSmsResponse(provider: SmsProvider, status: number, body: string): SmsSendResult {
  const parsers: Record<SmsProvider, (status: number, body: string) => SmsSendResult> = {
    aliyun: aliyun.parseResponse,
    tencent: tencent.parseResponse,
    twilio: twilio.parseResponse,
    webhook: webhook.parseResponse,
  };
  return parsers[provider](status, body);
}
