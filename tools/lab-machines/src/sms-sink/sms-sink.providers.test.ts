import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
// The presets under test live in the monitoring component; see providers.ts for why the sink may use them.
import { buildSmsRequest, parseSmsResponse, validateSmsSettings, type SmsHttpRequest, type SmsProvider, type SmsSettings } from '@hastack/sms';
import { serveDuringTests } from '../local-server.testing';
import { labSmsSettings } from './lab-sms-credentials';
import { readSmsRecords } from './records';
import { createSmsSink, SmsRecord } from './sms-sink';

/** Sends a preset's request as the notifier does: method, headers (Host included) and body exactly as built. */
function send(request: SmsHttpRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(request.url, { method: request.method, headers: request.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

const to = '+8613800000000';
const text = 'PROBLEM web1/HTTP CRITICAL: 连接超时 & 50% loss';

/** Per provider: the secret a wrong value replaces, the codes its API answers with, and the number as it travels. */
const cases: { provider: SmsProvider; secret: string; refusal: string; throttle: string; recipient: string }[] = [
  { provider: 'aliyun', secret: 'accessKeySecret', refusal: 'SignatureDoesNotMatch', throttle: 'isv.BUSINESS_LIMIT_CONTROL', recipient: '8613800000000' },
  { provider: 'tencent', secret: 'secretKey', refusal: 'AuthFailure.SignatureFailure', throttle: 'LimitExceeded.PhoneNumberThirtySecondLimit', recipient: to },
  { provider: 'twilio', secret: 'authToken', refusal: '20003', throttle: '20429', recipient: to },
  { provider: 'webhook', secret: 'bearerToken', refusal: '401', throttle: '429', recipient: to },
];

describe.each(cases)('the SMS sink speaking $provider', ({ provider, secret, refusal, throttle, recipient }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lab-sms-${provider}-`));
  const recordsFile = path.join(dir, 'requests.jsonl');
  const sink = serveDuringTests(createSmsSink(recordsFile), dir);
  let settings: SmsSettings;

  const records = (): SmsRecord[] => readSmsRecords({ smsGateway: { url: `${sink.url}/sms`, recordsFile } });
  const lastRecord = (): SmsRecord | undefined => records().at(-1);
  const request = (s: SmsSettings = settings): SmsHttpRequest => buildSmsRequest(s, { to, text }, new Date(), `nonce-${Math.random()}`);

  beforeAll(() => {
    settings = labSmsSettings(provider, sink.url, [to]);
  });

  it("the lab's settings are valid settings of the preset", () => {
    expect(validateSmsSettings(settings)).toEqual([]);
  });

  it("accepts the preset's request, answers what the preset reads as sent, and records recipient and text", async () => {
    const answer = await send(request());
    expect(parseSmsResponse(provider, answer.status, answer.body)).toEqual({ ok: true });
    expect(lastRecord()).toMatchObject({ kind: 'sms', provider, recipients: [recipient], text, accepted: true });
    expect(lastRecord()?.errorCode).toBeUndefined();
  });

  it("refuses a wrong secret with the provider's error code, read as a failure a retry cannot fix", async () => {
    const answer = await send(request({ ...settings, [secret]: 'not-the-lab-secret' } as SmsSettings));
    const result = parseSmsResponse(provider, answer.status, answer.body);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok === false && result.error).toContain(refusal);
    expect(lastRecord()).toMatchObject({ kind: 'sms', provider, recipients: [recipient], text, accepted: false, errorCode: refusal });
  });

  it('after throttle?count=1 answers the next send with the rate-limit error, read as retryable, and accepts the one after', async () => {
    const control = await fetch(`${sink.url}/_control/throttle?count=1`, { method: 'POST' });
    expect(control.status).toBe(200);
    expect(lastRecord()).toMatchObject({ kind: 'control', path: '/_control/throttle?count=1' });
    expect(lastRecord()?.provider).toBeUndefined();

    const throttled = await send(request());
    const result = parseSmsResponse(provider, throttled.status, throttled.body);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.ok === false && result.error).toContain(throttle);
    expect(lastRecord()).toMatchObject({ provider, accepted: false, errorCode: throttle });

    const next = await send(request());
    expect(parseSmsResponse(provider, next.status, next.body)).toEqual({ ok: true });
    expect(lastRecord()).toMatchObject({ provider, accepted: true });
  });
});

describe("the SMS sink's answers are the providers' documented bodies", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-sms-bodies-'));
  const recordsFile = path.join(dir, 'requests.jsonl');
  const sink = serveDuringTests(createSmsSink(recordsFile), dir);

  const sendAs = async (provider: SmsProvider, change: Record<string, string> = {}) => {
    const answer = await send(buildSmsRequest({ ...labSmsSettings(provider, sink.url, [to]), ...change } as SmsSettings, { to, text }, new Date(), 'n'));
    return { status: answer.status, json: JSON.parse(answer.body) as Record<string, unknown> };
  };

  it('Alibaba: Code OK with BizId and RequestId; a bad signature is a 400 with HostId; flow control a 200', async () => {
    expect(await sendAs('aliyun')).toEqual({
      status: 200,
      json: { Code: 'OK', Message: 'OK', BizId: expect.stringMatching(/^\d{18}\^0$/), RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/) },
    });
    expect(await sendAs('aliyun', { accessKeySecret: 'x' })).toMatchObject({
      status: 400,
      json: { Code: 'SignatureDoesNotMatch', HostId: 'dysmsapi.aliyuncs.com' },
    });
    expect(await sendAs('aliyun', { accessKeyId: 'LTAIother' })).toMatchObject({ status: 404, json: { Code: 'InvalidAccessKeyId.NotFound' } });
    await fetch(`${sink.url}/_control/throttle?count=1`, { method: 'POST' });
    expect(await sendAs('aliyun')).toMatchObject({ status: 200, json: { Code: 'isv.BUSINESS_LIMIT_CONTROL' } });
  });

  it('Tencent: a SendStatusSet per number, errors in Response.Error, every one with HTTP 200', async () => {
    expect(await sendAs('tencent')).toEqual({
      status: 200,
      json: {
        Response: {
          SendStatusSet: [
            { SerialNo: expect.stringMatching(/^\d+:\d+$/), PhoneNumber: to, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' },
          ],
          RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        },
      },
    });
    expect(await sendAs('tencent', { secretId: 'AKIDother' })).toMatchObject({
      status: 200,
      json: { Response: { Error: { Code: 'AuthFailure.SecretIdNotFound' } } },
    });
  });

  it('Twilio: 201 with a queued Message; a bad token 401 with code 20003', async () => {
    const { status, json } = await sendAs('twilio');
    expect(status).toBe(201);
    expect(json).toMatchObject({
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: 'queued',
      to,
      body: text,
      from: '+15005550006',
      direction: 'outbound-api',
      error_code: null,
    });
    expect(await sendAs('twilio', { authToken: 'x' })).toEqual({
      status: 401,
      json: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 },
    });
    await fetch(`${sink.url}/_control/throttle?count=1`, { method: 'POST' });
    expect(await sendAs('twilio')).toMatchObject({ status: 429, json: { code: 20429, status: 429 } });
  });

  it('a control call it does not know, or a count that is not a number, is refused and recorded as control only', async () => {
    expect((await fetch(`${sink.url}/_control/throttle?count=many`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${sink.url}/_control/reset`, { method: 'POST' })).status).toBe(404);
    const controls = readSmsRecords({ smsGateway: { url: `${sink.url}/sms`, recordsFile } }).filter((r) => r.path.startsWith('/_control/'));
    expect(controls.map((r) => r.kind)).toEqual(['control', 'control', 'control', 'control']);
    expect(await sendAs('twilio')).toMatchObject({ status: 201 });
  });
});
