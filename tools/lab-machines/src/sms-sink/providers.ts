import { randomBytes, randomInt, randomUUID } from 'node:crypto';
// The sink checks requests with the presets' own verifyRequest: what the lab proves is the real wire format.
import {
  aliyunSms,
  headerOf,
  isRecord,
  parseJson,
  tencentSms,
  twilioSms,
  webhookSms,
  type ReceivedSmsRequest,
  type SmsProvider,
  type SmsVerifyResult,
} from '@hastack/sms';
import { LabSmsCredentials } from './lab-sms-credentials';

export type { ReceivedSmsRequest };

/** What the sink answers: an HTTP status and a JSON body. */
export interface SinkAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The SMS a provider request carries, as the provider reads it (numbers as sent: Alibaba's have no `+`). */
export interface CarriedSms {
  readonly recipients?: readonly string[];
  readonly text?: string;
}

/** One provider's API as the sink plays it: which requests are its, the checks, and its documented answers. */
export interface ProviderDouble {
  readonly provider: SmsProvider;
  claims(request: ReceivedSmsRequest, url: URL): boolean;
  verify(request: ReceivedSmsRequest, now: Date): SmsVerifyResult;
  carried(request: ReceivedSmsRequest, url: URL): CarriedSms;
  accepted(sms: CarriedSms, request: ReceivedSmsRequest): SinkAnswer;
  refused(code: string, message: string): SinkAnswer;
  /** The provider's error code for a sender over its rate limit, and its answer. */
  readonly throttleCode: string;
  throttled(sms: CarriedSms): SinkAnswer;
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined);

/** Query parameters, and for a form POST the body's too: Alibaba's RPC API takes either. */
function aliyunParams(request: ReceivedSmsRequest, url: URL): Record<string, string> {
  const params = Object.fromEntries(url.searchParams);
  if (request.method === 'POST' && (headerOf(request, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(request.body)));
  return params;
}

/** The template's variables hold the text; with the one variable the presets use, its value is the text. */
function aliyunText(templateParam: string | undefined): string | undefined {
  const json = parseJson(templateParam ?? '');
  const values = isRecord(json) ? Object.values(json) : [];
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : templateParam;
}

const aliyun: ProviderDouble = {
  provider: 'aliyun',
  claims: (request, url) => url.pathname === '/' && (request.method === 'GET' || request.method === 'POST') && aliyunParams(request, url).Action === 'SendSms',
  verify: (request, now) => aliyunSms.verifyRequest(request, LabSmsCredentials.aliyun, now),
  carried(request, url) {
    const params = aliyunParams(request, url);
    return { recipients: params.PhoneNumbers?.split(','), text: aliyunText(params.TemplateParam) };
  },
  accepted: () => ({
    status: 200,
    body: { RequestId: aliyunRequestId(), Message: 'OK', BizId: `${randomInt(1e11, 1e12)}${randomInt(1e5, 1e6)}^0`, Code: 'OK' },
  }),
  // Alibaba answers a request it cannot authenticate with a 4xx; business refusals such as flow control come with 200.
  refused: (code, message) => ({
    status: code.endsWith('.NotFound') ? 404 : 400,
    body: { RequestId: aliyunRequestId(), HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message },
  }),
  throttleCode: 'isv.BUSINESS_LIMIT_CONTROL',
  throttled: () => ({ status: 200, body: { RequestId: aliyunRequestId(), Message: '触发分钟级流控Permits:1', Code: 'isv.BUSINESS_LIMIT_CONTROL' } }),
};

function aliyunRequestId(): string {
  return randomUUID().toUpperCase();
}

function tencentBody(request: ReceivedSmsRequest): Record<string, unknown> {
  const json = parseJson(request.body);
  return isRecord(json) ? json : {};
}

/** One SendStatus per number, as Tencent lists them; the IsoCode is only worked out for the numbers the lab uses. */
function sendStatus(phoneNumber: string, code: string, message: string, sessionContext: unknown): Record<string, unknown> {
  const ok = code === 'Ok';
  return {
    SerialNo: ok ? `2028:${randomInt(1e9, 1e10)}${randomInt(1e9, 1e10)}` : '',
    PhoneNumber: phoneNumber,
    Fee: ok ? 1 : 0,
    SessionContext: typeof sessionContext === 'string' ? sessionContext : '',
    Code: code,
    Message: message,
    IsoCode: phoneNumber.startsWith('+86') ? 'CN' : phoneNumber.startsWith('+1') ? 'US' : '',
  };
}

const tencent: ProviderDouble = {
  provider: 'tencent',
  claims: (request, url) => url.pathname === '/' && request.method === 'POST' && headerOf(request, 'x-tc-action') === 'SendSms',
  verify: (request, now) => tencentSms.verifyRequest(request, LabSmsCredentials.tencent, now),
  carried(request) {
    const body = tencentBody(request);
    return { recipients: strings(body.PhoneNumberSet), text: strings(body.TemplateParamSet)?.join(' ') };
  },
  accepted: (sms, request) => ({
    status: 200,
    body: {
      Response: {
        SendStatusSet: (sms.recipients ?? []).map((n) => sendStatus(n, 'Ok', 'send success', tencentBody(request).SessionContext)),
        RequestId: randomUUID(),
      },
    },
  }),
  // Tencent's API 3.0 answers every error with HTTP 200 and Response.Error.
  refused: (code, message) => ({ status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } }),
  throttleCode: 'LimitExceeded.PhoneNumberThirtySecondLimit',
  throttled: (sms) => ({
    status: 200,
    body: {
      Response: {
        SendStatusSet: (sms.recipients ?? []).map((n) =>
          sendStatus(
            n,
            'LimitExceeded.PhoneNumberThirtySecondLimit',
            'the number of SMS messages sent from a single mobile number within 30 seconds exceeds the upper limit',
            undefined,
          ),
        ),
        RequestId: randomUUID(),
      },
    },
  }),
};

const TWILIO_STATUS: Record<string, number> = { '20003': 401, '20404': 404 };

function twilioError(code: number, message: string, status: number): SinkAnswer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

const twilio: ProviderDouble = {
  provider: 'twilio',
  // The lab's account only: the sink's first callers post to made-up accounts and still get a plain 200.
  claims: (request, url) => request.method === 'POST' && url.pathname === twilioSms.twilioMessagesPath(LabSmsCredentials.twilio.accountSid),
  verify: (request) => twilioSms.verifyRequest(request, LabSmsCredentials.twilio),
  carried(request) {
    const form = new URLSearchParams(request.body);
    const to = form.get('To');
    return { recipients: to === null ? undefined : [to], text: form.get('Body') ?? undefined };
  },
  accepted(sms, request) {
    const form = new URLSearchParams(request.body);
    const { accountSid } = LabSmsCredentials.twilio;
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const date = new Date().toUTCString().replace('GMT', '+0000');
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
    return {
      status: 201,
      body: {
        account_sid: accountSid,
        api_version: '2010-04-01',
        body: sms.text ?? '',
        date_created: date,
        date_sent: null,
        date_updated: date,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: form.get('From'),
        messaging_service_sid: null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid,
        status: 'queued',
        subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
        to: sms.recipients?.[0] ?? '',
        uri,
      },
    };
  },
  refused: (code, message) => twilioError(Number(code), message, TWILIO_STATUS[code] ?? 400),
  throttleCode: '20429',
  throttled: () => twilioError(20429, 'Too Many Requests', 429),
};

const webhook: ProviderDouble = {
  provider: 'webhook',
  // JSON only: the sink's older callers post forms to /sms and must keep getting a plain 200.
  claims: (request, url) => url.pathname === '/sms' && request.method === 'POST' && (headerOf(request, 'content-type') ?? '').startsWith('application/json'),
  verify: (request) => webhookSms.verifyRequest(request, LabSmsCredentials.webhook),
  carried(request) {
    const json = parseJson(request.body);
    if (!isRecord(json)) return {};
    return { recipients: typeof json.to === 'string' ? [json.to] : undefined, text: typeof json.text === 'string' ? json.text : undefined };
  },
  accepted: () => ({ status: 200, body: { status: 'recorded' } }),
  // The webhook preset's refusal codes are the HTTP statuses themselves.
  refused: (code, message) => ({ status: Number(code), body: { error: message } }),
  throttleCode: '429',
  throttled: () => ({ status: 429, body: { error: 'too many requests' } }),
};

/** The providers the sink plays, in the order it asks them whether a request is theirs. */
export const ProviderDoubles: readonly ProviderDouble[] = [tencent, aliyun, twilio, webhook];
