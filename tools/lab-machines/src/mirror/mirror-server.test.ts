import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMirrorServer } from './mirror-server';

describe('the mirror server', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-mirror-'));
  const mirror = path.join(parent, 'mirror');
  fs.mkdirSync(mirror);
  fs.writeFileSync(path.join(mirror, 'Packages'), 'Package: hello\n');
  fs.writeFileSync(path.join(parent, 'secret'), 'not for hosts');
  const server = createMirrorServer(mirror);
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(parent, { recursive: true });
  });

  it('serves the files of the mirror', async () => {
    const response = await fetch(`${url}/Packages`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Package: hello\n');
  });

  it('answers 404 for what it does not have, as apt expects for InRelease', async () => {
    expect((await fetch(`${url}/InRelease`)).status).toBe(404);
  });

  it('serves nothing outside the mirror', async () => {
    expect((await fetch(`${url}/..%2Fsecret`)).status).toBeGreaterThanOrEqual(400);
  });
});
