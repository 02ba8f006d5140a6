import * as fs from 'node:fs';
import * as http from 'node:http';

/** One request the sink received, as it stores it: one JSON object per line. */
export interface SmsRecord {
  readonly receivedAt: string;
  readonly method: string;
  /** Path with the query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * Stands in for an SMS provider's HTTP API: answers every request with 200 and a JSON body, and appends it
 * to `recordsFile` so tests can see what the monitoring tier sent.
 */
export function createSmsSink(recordsFile: string): http.Server {
  return http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record: SmsRecord = {
        receivedAt: new Date().toISOString(),
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      fs.appendFileSync(recordsFile, `${JSON.stringify(record)}\n`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"recorded"}\n');
    });
  });
}
