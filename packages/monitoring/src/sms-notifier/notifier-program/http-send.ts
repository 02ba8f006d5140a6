import * as http from 'node:http';
import * as https from 'node:https';
import type { SmsHttpRequest } from '@hastack/sms';

/**
 * Sends a preset's request as it is; resolves with the status and body, rejects on a network error or
 * when the whole exchange (not only an idle socket) takes longer than `timeoutMs`.
 */
export function httpSend(request: SmsHttpRequest, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const body = request.method === 'GET' ? undefined : Buffer.from(request.body, 'utf8');
    const req = client.request(
      url,
      { method: request.method, headers: { ...request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}
