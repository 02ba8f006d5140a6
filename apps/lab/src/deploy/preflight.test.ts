import { createServer, Server } from 'node:net';
import { checkReachable } from './preflight';

const entry = (name: string, port: number) => ({
  name,
  port,
  address: '127.0.0.1',
  roles: ['web' as const],
  user: 'root',
  privateKeyPath: '/k',
  os: 'debian-12' as const,
  interface: 'eth0',
  weight: 1,
});

describe('checkReachable', () => {
  let server: Server;
  let openPort: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    openPort = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  it('passes when every host answers', async () => {
    await expect(checkReachable([entry('web1', openPort)])).resolves.toBeUndefined();
  });

  it('names each unreachable host with its address and port', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await expect(checkReachable([entry('web1', openPort), entry('web2', closed)])).rejects.toThrow(
      `host "web2" (127.0.0.1:${closed}) is unreachable: ECONNREFUSED`,
    );
  });
});
