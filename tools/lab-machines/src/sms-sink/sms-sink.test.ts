import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveDuringTests } from '../local-server.testing';
import { readSmsRecords } from './records';
import { createSmsSink } from './sms-sink';

describe('the SMS sink', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-sms-'));
  const recordsFile = path.join(dir, 'requests.jsonl');
  const sink = serveDuringTests(createSmsSink(recordsFile), dir);

  it('has recorded nothing before the first request', () => {
    expect(readSmsRecords({ smsGateway: { url: sink.url, recordsFile } })).toEqual([]);
  });

  it('answers 200 and records each request: method, path with query, headers and body, in order', async () => {
    const first = await fetch(`${sink.url}/2010-04-01/Accounts/AC1/Messages.json`, {
      method: 'POST',
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'To=%2B15550001&Body=web1+DOWN',
    });
    expect(first.status).toBe(200);
    await fetch(`${sink.url}/sms?to=1`);

    const records = readSmsRecords({ smsGateway: { url: sink.url, recordsFile } });
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
