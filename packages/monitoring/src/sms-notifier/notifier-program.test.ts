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
const CREDENTIALS = [...Object.values(ALIYUN), ...Object.values(TWILIO)];

interface Received {
  provider: string;
  verdict: { ok: boolean };
  /** The request's query and body, decoded: where the presets put the text. */
  text: string;
}

/**
 * A provider double: checks each request as the provider would (the presets' verifyRequest), answers
 * as the provider does; `refuseNext` answers the next N with the provider's throttling (Aliyun's
 * isv.BUSINESS_LIMIT_CONTROL, Twilio's HTTP 429), `hang` never answers.
 */
function sink() {
  const received: Received[] = [];
  let refuse = 0;
  let hang = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const twilio = request.url.startsWith('/2010-04-01/');
      const verdict = twilio ? twilioSms.verifyRequest(request, TWILIO) : aliyunSms.verifyRequest(request, ALIYUN);
      received.push({ provider: twilio ? 'twilio' : 'aliyun', verdict, text: decodeURIComponent((request.url + request.body).replace(/\+/g, ' ')) });
      if (hang) return;
      if (refuse > 0) {
        refuse -= 1;
        if (twilio) res.writeHead(429, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }));
        else
          res
            .writeHead(200, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'throttled', RequestId: 'r' }));
      } else if (twilio) res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ sid: 'SM1', status: 'queued' }));
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '1', RequestId: 'r' }));
    });
  });
  return {
    received,
    refuseNext: (count: number) => (refuse = count),
    hang: (on: boolean) => (hang = on),
    reset: () => {
      received.length = 0;
      refuse = 0;
      hang = false;
    },
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The bundled program in a folder of its own, run with `node` as Nagios would run it. */
function notifierAt(settings: SmsSettings, policy: Partial<NotifierConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'notifier-'));
  const config: NotifierConfig = {
    settings,
    stateDir: dir,
    logFile: join(dir, 'notify.log'),
    renotifySeconds: 600,
    hourlyCap: 30,
    buildGraceSeconds: 1800,
    retries: { attempts: 3, firstDelayMs: 50 },
    runBudgetMs: 10_000,
    ...policy,
  };
  writeFileSync(join(dir, 'notify-sms.js'), notifierProgram());
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stderr: string; ms: number }>((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, [join(dir, 'notify-sms.js'), '--config', join(dir, 'config.json'), ...args]);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - started }));
    });
  const problem = (service: string, type = 'PROBLEM', state = 'CRITICAL') =>
    run('notify', '--type', type, '--host', 'web1', '--service', service, '--state', state, '--output', `${service} is down`);
  /** Moves every send the notifier remembers an hour and more into the past. */
  const anHourLater = () => {
    const file = join(dir, 'state.json');
    const state = JSON.parse(readFileSync(file, 'utf8')) as { window: number[] };
    writeFileSync(file, JSON.stringify({ ...state, window: state.window.map((at) => at - 3601) }));
  };
  const state = () => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { suppressed: number; window: number[] };
  return { dir, run, problem, anHourLater, state, log: () => readFileSync(config.logFile, 'utf8') };
}

// Each case starts node a few times; the machine is shared.
jest.setTimeout(30_000);

describe('the SMS notifier program (bundled, run with node)', () => {
  const provider = sink();
  let endpoint: string;
  const aliyun = (recipients = ['+8613800000000']): SmsSettings => ({
    provider: 'aliyun',
    recipients,
    endpoint,
    ...ALIYUN,
    signName: 'Lab',
    templateCode: 'SMS_1',
  });
  const twilio = (): SmsSettings => ({ provider: 'twilio', recipients: ['+15005550009'], endpoint, ...TWILIO, from: '+15005550006' });
  beforeAll(async () => (endpoint = await provider.start()));
  afterAll(() => provider.stop());
  beforeEach(() => provider.reset());

  it('sends one correctly signed SMS per recipient, naming the host and service', async () => {
    const notifier = notifierAt(aliyun(['+8613800000000', '+8613900000000']));
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received).toHaveLength(2);
    expect(provider.received.every((r) => r.verdict.ok)).toBe(true);
    // Aliyun takes the numbers without their "+".
    expect(provider.received.map((r) => r.text.match(/PhoneNumbers=(\d+)/)?.[1]).sort()).toEqual(['8613800000000', '8613900000000']);
    expect(provider.received[0].text).toContain('PROBLEM web1/apache CRITICAL: apache is down');
  });

  it('speaks Twilio too', async () => {
    const notifier = notifierAt(twilio());
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received.map((r) => [r.provider, r.verdict.ok])).toEqual([['twilio', true]]);
    expect(provider.received[0].text).toContain('PROBLEM web1/apache CRITICAL: apache is down');
  });

  it('sends a notification once within the re-notification interval, a worse state and a recovery at once', async () => {
    const notifier = notifierAt(aliyun());
    await notifier.problem('apache', 'PROBLEM', 'WARNING');
    await notifier.problem('apache', 'PROBLEM', 'WARNING');
    await notifier.problem('apache', 'PROBLEM', 'CRITICAL');
    await notifier.problem('apache', 'RECOVERY', 'OK');
    await notifier.problem('apache', 'PROBLEM', 'WARNING');
    expect(provider.received.map((r) => r.text.match(/(PROBLEM|RECOVERY) web1\/apache \w+/)?.[0])).toEqual([
      'PROBLEM web1/apache WARNING',
      'PROBLEM web1/apache CRITICAL',
      'RECOVERY web1/apache OK',
      'PROBLEM web1/apache WARNING',
    ]);
    expect(notifier.log()).toMatch(/event="skipped" about="PROBLEM web1\/apache" state="WARNING" reason="duplicate"/);
  });

  it('stops at the hourly cap, then says how many it suppressed', async () => {
    const notifier = notifierAt(aliyun(), { hourlyCap: 2 });
    for (const service of ['a', 'b', 'c', 'd']) expect((await notifier.problem(service)).code).toBe(0);
    expect(provider.received).toHaveLength(2);
    expect(notifier.log().match(/reason="hourly cap"/g)).toHaveLength(2);
    notifier.anHourLater();
    await notifier.problem('e');
    expect(provider.received.slice(2).map((r) => r.text.match(/hastack: \d+ alerts suppressed|PROBLEM web1\/e/)?.[0])).toEqual([
      'hastack: 2 alerts suppressed',
      'PROBLEM web1/e',
    ]);
  });

  it('loses no count when Nagios runs notifications at once', async () => {
    const notifier = notifierAt(aliyun(), { hourlyCap: 3 });
    const services = Array.from({ length: 10 }, (_, i) => `service${i}`);
    const results = await Promise.all(services.map((service) => notifier.problem(service)));
    expect(results.map((r) => r.code)).toEqual(services.map(() => 0));
    expect(provider.received).toHaveLength(3);
    expect(notifier.state()).toMatchObject({ suppressed: 7 });
    expect(notifier.state().window).toHaveLength(3);
  });

  it('retries a throttled send with back-off and delivers it, logging each failure (Aliyun)', async () => {
    const notifier = notifierAt(aliyun());
    provider.refuseNext(2);
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received).toHaveLength(3);
    expect(notifier.log().match(/event="failed".*provider="aliyun" attempt="\d" error="isv\.BUSINESS_LIMIT_CONTROL/g)).toHaveLength(2);
    expect(notifier.log()).toMatch(/event="sent" about="PROBLEM web1\/apache" to="\+8613800000000" provider="aliyun" attempt="3"/);
  });

  it('retries an HTTP 429 (Twilio) and delivers it', async () => {
    const notifier = notifierAt(twilio());
    provider.refuseNext(1);
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received.map((r) => r.verdict.ok)).toEqual([true, true]);
    expect(notifier.log()).toMatch(/event="failed".*attempt="1" error="Twilio 20429/);
  });

  it('exits 1 when every try is refused, and the next notification tries again', async () => {
    const notifier = notifierAt(aliyun());
    provider.refuseNext(3);
    expect((await notifier.problem('apache')).code).toBe(1);
    expect(provider.received).toHaveLength(3);
    expect((await notifier.problem('apache')).code).toBe(0);
    expect(provider.received).toHaveLength(4);
  });

  it('ends within its run budget when the provider does not answer', async () => {
    const notifier = notifierAt(aliyun(), { runBudgetMs: 2000, retries: { attempts: 10, firstDelayMs: 100 } });
    provider.hang(true);
    const result = await notifier.problem('apache');
    expect(result.code).toBe(1);
    // Without the budget: 10 tries of 8 s each.
    expect(result.ms).toBeLessThan(6000);
    expect(notifier.log()).toMatch(/event="failed" .*error="network: no answer in \d+ ms"/);
    expect(notifier.log()).toMatch(/event="gave up" .*reason="no time left for another attempt"/);
  });

  it('sends a test SMS; its log and its errors never hold a credential', async () => {
    const ali = notifierAt(aliyun());
    expect((await ali.run('test', 'hello from the test')).code).toBe(0);
    expect(provider.received[0].text).toContain('hello from the test');
    provider.refuseNext(3);
    await ali.problem('apache');
    const tw = notifierAt(twilio());
    provider.refuseNext(3);
    await tw.problem('apache');
    // A hand-broken file: JSON.parse's own message would quote a piece of it.
    writeFileSync(join(tw.dir, 'config.json'), `{"settings":{"accessKeySecret":${ALIYUN.accessKeySecret}}}`);
    const broken = await tw.run('test');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/config\.json is not valid JSON/);
    const everything = ali.log() + tw.log() + broken.stderr;
    expect(everything).toMatch(/event="failed"/);
    for (const credential of CREDENTIALS) {
      expect(everything).not.toContain(credential);
      expect(everything).not.toContain(credential.slice(0, 10));
    }
  });

  it('refuses a wrong command line with its usage, exit 2', async () => {
    const result = await notifierAt(aliyun()).run('notify', '--host', 'web1');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing --type, --state\nusage: notify-sms/);
  });

  it('is the same text every time it is built', () => {
    expect(notifierProgram()).toBe(notifierProgram());
  });
});
