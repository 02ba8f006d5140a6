import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aliyunSms, twilioSms, type SmsSettings } from '@hastack/sms';
import { notifierProgram } from './notifier-bundle';
import type { NotifierConfig } from './notifier-program/notifier-config';

const ALIYUN = { accessKeyId: 'LTAI5tTestKey00000000000', accessKeySecret: 'aliyunTestSecret0000000000000' };
const TWILIO = { accountSid: 'AC0000000000000000000000000000test', authToken: '0000000000000000000000000000toke' };

interface Received {
  provider: string;
  verdict: { ok: boolean };
  body: string;
  url: string;
}

/** A provider double: checks each request as the provider would; `refuse` answers the next N with the provider's throttling error. */
function sink() {
  const received: Received[] = [];
  let refuse = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const twilio = request.url.startsWith('/2010-04-01/');
      const verdict = twilio ? twilioSms.verifyRequest(request, TWILIO) : aliyunSms.verifyRequest(request, ALIYUN);
      received.push({ provider: twilio ? 'twilio' : 'aliyun', verdict, body: request.body, url: request.url });
      if (refuse > 0) {
        refuse -= 1;
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'throttled', RequestId: 'r' }));
      } else if (twilio) res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ sid: 'SM1', status: 'queued' }));
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '1', RequestId: 'r' }));
    });
  });
  return {
    received,
    refuseNext: (count: number) => (refuse = count),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bundled program in a folder of its own, run with `node` as Nagios would run it. */
function notifierAt(settings: SmsSettings, policy: Partial<NotifierConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'notifier-'));
  const config: NotifierConfig = { settings, stateDir: dir, logFile: join(dir, 'notify.log'), renotifySeconds: 600, hourlyCap: 30, retries: { attempts: 3, firstDelayMs: 50 }, ...policy };
  writeFileSync(join(dir, 'notify-sms.js'), notifierProgram());
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(dir, 'notify-sms.js'), '--config', join(dir, 'config.json'), ...args]);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  const problem = (service: string, type = 'PROBLEM', state = 'CRITICAL') => run('notify', '--type', type, '--host', 'web1', '--service', service, '--state', state, '--output', `${service} is down`);
  /** Moves every send the notifier remembers an hour and more into the past. */
  const anHourLater = () => {
    const file = join(dir, 'state.json');
    const state = JSON.parse(readFileSync(file, 'utf8')) as { window: number[] };
    writeFileSync(file, JSON.stringify({ ...state, window: state.window.map((at) => at - 3601) }));
  };
  return { run, problem, anHourLater, log: () => readFileSync(config.logFile, 'utf8') };
}

describe('the SMS notifier program (bundled, run with node)', () => {
  const provider = sink();
  let endpoint: string;
  const aliyun = (recipients = ['+8613800000000']): SmsSettings => ({ provider: 'aliyun', recipients, endpoint, ...ALIYUN, signName: 'Lab', templateCode: 'SMS_1' });
  beforeAll(async () => (endpoint = await provider.start()));
  afterAll(() => provider.stop());
  beforeEach(() => (provider.received.length = 0));

  it('sends one correctly signed SMS per recipient, naming the host and service', async () => {
    const notifier = notifierAt(aliyun(['+8613800000000', '+8613900000000']));
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received).toHaveLength(2);
    expect(provider.received.every((r) => r.verdict.ok)).toBe(true);
    expect(decodeURIComponent(provider.received[0].url + provider.received[0].body)).toContain('PROBLEM web1/apache CRITICAL: apache is down');
  });

  it('speaks Twilio too', async () => {
    const notifier = notifierAt({ provider: 'twilio', recipients: ['+15005550009'], endpoint, ...TWILIO, from: '+15005550006' });
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received.map((r) => [r.provider, r.verdict.ok])).toEqual([['twilio', true]]);
  });

  it('sends a problem once within the re-notification interval, and again after its recovery', async () => {
    const notifier = notifierAt(aliyun());
    await notifier.problem('apache');
    await notifier.problem('apache');
    expect(provider.received).toHaveLength(1);
    await notifier.problem('apache', 'RECOVERY', 'OK');
    await notifier.problem('apache');
    expect(provider.received).toHaveLength(3);
    expect(notifier.log()).toMatch(/event="skipped" about="PROBLEM web1\/apache" reason="duplicate"/);
  });

  it('stops at the hourly cap, then says how many it suppressed', async () => {
    const notifier = notifierAt(aliyun(), { hourlyCap: 2 });
    for (const service of ['a', 'b', 'c', 'd']) await notifier.problem(service);
    expect(provider.received).toHaveLength(2);
    expect(notifier.log().match(/reason="hourly cap"/g)).toHaveLength(2);
    notifier.anHourLater();
    await notifier.problem('e');
    expect(provider.received.slice(2).map((r) => decodeURIComponent(r.url + r.body).match(/hastack: \d+ alerts suppressed|PROBLEM web1\/e/)?.[0])).toEqual([
      'hastack: 2 alerts suppressed',
      'PROBLEM web1/e',
    ]);
  });

  it('retries a throttled send with back-off and delivers it, logging the failure', async () => {
    const notifier = notifierAt(aliyun());
    provider.refuseNext(2);
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received).toHaveLength(3);
    expect(notifier.log().match(/event="failed".*isv\.BUSINESS_LIMIT_CONTROL/g)).toHaveLength(2);
    expect(notifier.log()).toMatch(/event="sent" .*attempt="3"/);
  });

  it('exits 1 when every try is refused, and the next notification tries again', async () => {
    const notifier = notifierAt(aliyun());
    provider.refuseNext(3);
    expect((await notifier.problem('apache')).code).toBe(1);
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received).toHaveLength(4);
  });

  it('sends a test SMS, and never writes a credential to its log', async () => {
    const notifier = notifierAt(aliyun());
    expect((await notifier.run('test', 'hello from the test')).code).toBe(0);
    expect(decodeURIComponent(provider.received[0].url + provider.received[0].body)).toContain('hello from the test');
    expect(notifier.log()).not.toContain(ALIYUN.accessKeySecret);
    expect(notifier.log()).not.toContain(ALIYUN.accessKeyId);
  });

  it('is the same text every time it is built', () => {
    expect(notifierProgram()).toBe(notifierProgram());
  });
});
