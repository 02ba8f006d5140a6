import * as fs from 'node:fs';
import * as http from 'node:http';
import { ProviderDoubles, type ProviderDouble, type ReceivedSmsRequest, type SinkAnswer } from './providers';

/** One request the sink received, as it stores it: one JSON object per line. */
export interface SmsRecord {
  readonly receivedAt: string;
  readonly method: string;
  /** Path with the query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** A provider's send (`sms`), a test's call to `/_control/` (`control`), or anything else, recorded only (`other`). */
  readonly kind: 'sms' | 'control' | 'other';
  /** For a send: whose API it called, the numbers and text it carried, and whether the provider would have taken it. */
  readonly provider?: ProviderDouble['provider'];
  readonly recipients?: readonly string[];
  readonly text?: string;
  readonly accepted?: boolean;
  /** The provider's own error code when it was not accepted (refused, or throttled by the test). */
  readonly errorCode?: string;
}

/** What the sink made of a request, beside the request itself. */
type SmsVerdict = Pick<SmsRecord, 'kind' | 'provider' | 'recipients' | 'text' | 'accepted' | 'errorCode'>;

const RECORDED: SinkAnswer = { status: 200, body: { status: 'recorded' } };

/**
 * Stands in for the SMS providers' HTTP APIs: a request to Alibaba's, Tencent's, Twilio's API or to the JSON
 * webhook is checked as that provider checks it (with the lab's credentials) and answered with its documented
 * success or error body; anything else gets 200. Every request is appended to `recordsFile` so tests can see
 * what the monitoring tier sent. `POST /_control/throttle?count=N` makes the next N sends get the provider's
 * rate-limit error.
 */
export function createSmsSink(recordsFile: string): http.Server {
  let throttleNext = 0;

  function control(method: string, url: URL): SinkAnswer {
    const count = url.searchParams.get('count') ?? '';
    if (url.pathname !== '/_control/throttle' || method !== 'POST')
      return { status: 404, body: { error: 'POST /_control/throttle?count=N is the only control' } };
    if (!/^\d{1,6}$/.test(count)) return { status: 400, body: { error: 'count: a whole number of requests to throttle is needed' } };
    throttleNext = Number(count);
    return { status: 200, body: { throttle: throttleNext } };
  }

  /** The answer to a request, and what its record adds to the request itself. */
  function handle(received: ReceivedSmsRequest, url: URL): { answer: SinkAnswer; verdict: SmsVerdict } {
    if (url.pathname.startsWith('/_control/')) return { answer: control(received.method, url), verdict: { kind: 'control' } };
    const double = ProviderDoubles.find((d) => d.claims(received, url));
    if (double === undefined) return { answer: RECORDED, verdict: { kind: 'other' } };
    const sms = { kind: 'sms' as const, provider: double.provider, ...double.carried(received, url) };
    const checked = double.verify(received, new Date());
    if (!checked.ok) return { answer: double.refused(checked.code, checked.message), verdict: { ...sms, accepted: false, errorCode: checked.code } };
    // A provider authenticates and checks a request before its rate limits count it.
    if (throttleNext > 0) {
      throttleNext -= 1;
      return { answer: double.throttled(sms), verdict: { ...sms, accepted: false, errorCode: double.throttleCode } };
    }
    return { answer: double.accepted(sms, received), verdict: { ...sms, accepted: true } };
  }

  return http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedSmsRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const { answer, verdict } = handle(received, new URL(received.url, 'http://sink'));
      const record: SmsRecord = {
        receivedAt: new Date().toISOString(),
        method: received.method,
        path: received.url,
        headers: received.headers,
        body: received.body,
        ...verdict,
      };
      fs.appendFileSync(recordsFile, `${JSON.stringify(record)}\n`);
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(`${JSON.stringify(answer.body)}\n`);
    });
  });
}
