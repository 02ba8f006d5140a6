import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveDuringTests } from '../local-server.testing';
import { createMirrorServer } from './mirror-server';

describe('the mirror server', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-mirror-'));
  const mirror = path.join(parent, 'mirror');
  fs.mkdirSync(mirror);
  fs.writeFileSync(path.join(mirror, 'Packages'), 'Package: hello\n');
  fs.writeFileSync(path.join(parent, 'secret'), 'not for hosts');
  const server = serveDuringTests(createMirrorServer(mirror), parent);

  it('serves the files of the mirror', async () => {
    const response = await fetch(`${server.url}/Packages`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Package: hello\n');
  });

  it('answers 404 for what it does not have, as apt expects for InRelease', async () => {
    expect((await fetch(`${server.url}/InRelease`)).status).toBe(404);
  });

  it('serves nothing outside the mirror', async () => {
    expect((await fetch(`${server.url}/..%2Fsecret`)).status).toBeGreaterThanOrEqual(400);
  });
});
