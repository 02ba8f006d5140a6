import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSmsRecords } from './records';
import { createSmsSink } from './sms-sink';

describe('the SMS sink', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-sms-'));
  const recordsFile = path.join(dir, 'requests.jsonl');
  const server = createSmsSink(recordsFile);
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true });
  });

  it('has recorded nothing before the first request', () => {
    expect(readSmsRecords({ smsGateway: { url, recordsFile } })).toEqual([]);
  });

  it('answers 200 and records each request: method, path with query, headers and body, in order', async () => {
    const first = await fetch(`${url}/2010-04-01/Accounts/AC1/Messages.json`, {
      method: 'POST',
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'To=%2B15550001&Body=web1+DOWN',
    });
    expect(first.status).toBe(200);
    await fetch(`${url}/sms?to=1`);

    const records = readSmsRecords({ smsGateway: { url, recordsFile } });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      method: 'POST',
      path: '/2010-04-01/Accounts/AC1/Messages.json',
      body: 'To=%2B15550001&Body=web1+DOWN',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(records[1]).toMatchObject({ method: 'GET', path: '/sms?to=1', body: '' });
  });
});
