import type { ReceivedSmsRequest, SmsHttpRequest } from './sms-http';
import type { TwilioSmsSettings } from './sms-settings';
import { buildRequest, parseResponse, verifyRequest } from './twilio';

const sid = 'AC0123456789abcdef0123456789abcdef';
const settings: TwilioSmsSettings = { provider: 'twilio', recipients: ['+15558675310'], accountSid: sid, authToken: 'lab-token', from: '+15017122661' };
const message = { to: '+15558675310', text: 'PROBLEM web1 HTTP CRITICAL & more' };
const now = new Date('2024-05-01T10:20:30Z');

function received(request: SmsHttpRequest): ReceivedSmsRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: url.pathname,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: request.body,
  };
}

describe('twilio buildRequest', () => {
  it('POSTs To/From/Body form-encoded to the account Messages resource with Basic auth', () => {
    const request = buildRequest(settings, message, now, 'n');
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json`);
    expect(request.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.Authorization).toBe(`Basic ${Buffer.from(`${sid}:lab-token`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: '+15558675310',
      From: '+15017122661',
      Body: 'PROBLEM web1 HTTP CRITICAL & more',
    });
    expect(request.body).toContain('To=%2B15558675310');
  });
  it('goes to the endpoint when one is set', () => {
    expect(buildRequest({ ...settings, endpoint: 'http://198.18.0.1:8703' }, message, now, 'n').url).toBe(
      `http://198.18.0.1:8703/2010-04-01/Accounts/${sid}/Messages.json`,
    );
  });
});

describe('twilio verifyRequest (the sink)', () => {
  const credentials = { accountSid: sid, authToken: 'lab-token' };
  const request = received(buildRequest(settings, message, now, 'n'));
  it('accepts what buildRequest sends', () => {
    expect(verifyRequest(request, credentials)).toEqual({ ok: true });
  });
  it('refuses a wrong token, another account path, a missing Body', () => {
    expect(verifyRequest(request, { ...credentials, authToken: 'other' })).toMatchObject({ code: '20003' });
    expect(verifyRequest({ ...request, url: '/2010-04-01/Accounts/ACother/Messages.json' }, credentials)).toMatchObject({ code: '20404' });
    expect(verifyRequest({ ...request, body: 'To=%2B15558675310&From=%2B15017122661' }, credentials)).toMatchObject({ code: '21602' });
  });
});

describe('twilio parseResponse', () => {
  it('takes a created Message as success', () => {
    expect(
      parseResponse(201, `{"sid":"SM1f0e8ae6ade43cb3c0ce4525424e404f","status":"queued","error_code":null,"error_message":null,"account_sid":"${sid}"}`),
    ).toEqual({ ok: true });
  });
  it('fails on an error body; 429 is retryable, a bad number is not', () => {
    expect(parseResponse(429, '{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}')).toEqual({
      ok: false,
      error: 'Twilio 20429: Too Many Requests',
      retryable: true,
    });
    expect(
      parseResponse(400, '{"code":21211,"message":"Invalid \'To\' Phone Number","more_info":"https://www.twilio.com/docs/errors/21211","status":400}'),
    ).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(parseResponse(429, '{"code":14107,"message":"Message rate limit exceeded"}')).toMatchObject({ ok: false, retryable: true });
    expect(parseResponse(200, '{"code":21211,"message":"Invalid \'To\' Phone Number"}')).toMatchObject({ ok: false });
    expect(parseResponse(201, '{"sid":"SM1","status":"failed","error_code":30007}')).toMatchObject({ ok: false, retryable: false });
    expect(parseResponse(500, '')).toEqual({ ok: false, error: 'HTTP 500: (empty body)', retryable: true });
  });
});
