import { get } from 'node:http';

/** Who answered a request, and with which release of the application (the demo app names it). */
export interface Answer {
  host: string;
  release?: string;
  /** The whole page. */
  page: string;
}

/**
 * Which web host answers one request: a new connection each time (no keep-alive), so that IPVS
 * schedules every request on its own.
 */
export async function whoAnswers(url: string, timeoutMs = 3000): Promise<string> {
  return (await answerOf(url, timeoutMs)).host;
}

/** One request's answer: a 200 naming its host, or a rejection saying what came instead. */
export function answerOf(url: string, timeoutMs = 3000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        const host = /id="host">([^<]+)</.exec(body)?.[1];
        const release = /id="release">([^<]+)</.exec(body)?.[1];
        if (response.statusCode === 200 && host) resolve({ host, release, page: body });
        else reject(new Error(`${url} answered ${response.statusCode} without a host name`));
      });
    });
    request.on('timeout', () => request.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Counts, per web host, how many of `count` requests it answered; failures count under "failed". */
export async function sampleSite(url: string, count: number): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const host = await whoAnswers(url).catch(() => 'failed');
    tally[host] = (tally[host] ?? 0) + 1;
  }
  return tally;
}
