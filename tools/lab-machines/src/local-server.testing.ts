import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves `server` on a free loopback port while the enclosing describe's tests run, then closes it and
 * removes `tempDir`, the folder it served from. `url` is known once beforeAll has run.
 */
export function serveDuringTests(server: Server, tempDir: string): { readonly url: string } {
  const served = { url: '' };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(tempDir, { recursive: true });
  });
  return served;
}
