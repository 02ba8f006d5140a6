import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sendAlert } from './readme-example';

it('runs the usage example the README shows, against a webhook that answers 429 then 200', async () => {
  expect(readFileSync(join(__dirname, '../../README.md'), 'utf8')).toContain(readFileSync(join(__dirname, 'readme-example.ts'), 'utf8').trim());
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      response.writeHead(bodies.length === 1 ? 429 : 200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  try {
    const settings = { provider: 'webhook' as const, recipients: ['+8613800000000'], url };
    expect(await sendAlert(settings, '+8613800000000', 'web1 HTTP CRITICAL')).toMatchObject({ ok: false, retryable: true });
    expect(await sendAlert(settings, '+8613800000000', 'web1 HTTP OK')).toEqual({ ok: true });
    expect(JSON.parse(bodies[1])).toEqual({ to: '+8613800000000', text: 'web1 HTTP OK' });
  } finally {
    server.close();
  }
});
