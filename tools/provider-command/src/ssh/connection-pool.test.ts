import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'ssh2';
import { ConnectionLostError, ConnectionPool } from './connection-pool';
import { ConnectionSpec, connectionSpec } from './connection-spec';

class FakeClient extends EventEmitter {
  ended = false;
  end() {
    this.ended = true;
    this.emit('close');
  }
}

function fakeDialer() {
  const dialed: FakeClient[] = [];
  const dial = jest.fn(async (_spec: ConnectionSpec) => {
    const client = new FakeClient();
    dialed.push(client);
    return client as unknown as Client;
  });
  return { dial, dialed };
}

const web1 = connectionSpec({ host: 'web-1' });
const web2 = connectionSpec({ host: 'web-2' });

describe('ConnectionPool', () => {
  it('dials once per host however many commands run at once', async () => {
    const { dial } = fakeDialer();
    const pool = new ConnectionPool(dial);
    await Promise.all([1, 2, 3].map(() => pool.withConnection(web1, async () => sleep(5))));
    await pool.withConnection(web2, async () => undefined);
    expect(dial).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxChannels channels busy on one connection', async () => {
    const pool = new ConnectionPool(fakeDialer().dial, 3);
    let busy = 0;
    let mostBusy = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        pool.withConnection(web1, async () => {
          mostBusy = Math.max(mostBusy, ++busy);
          await sleep(5);
          busy--;
        }),
      ),
    );
    expect(mostBusy).toBe(3);
  });

  it('dials again after a failed dial', async () => {
    const dial = jest
      .fn()
      .mockRejectedValueOnce(new Error('ssh: cannot connect'))
      .mockResolvedValue(new FakeClient() as unknown as Client);
    const pool = new ConnectionPool(dial);
    await expect(pool.withConnection(web1, async () => 'ran')).rejects.toThrow('ssh: cannot connect');
    await expect(pool.withConnection(web1, async () => 'ran')).resolves.toBe('ran');
  });

  it('dials again, once, when the pooled connection turns out to be gone', async () => {
    const { dial, dialed } = fakeDialer();
    const pool = new ConnectionPool(dial);
    await pool.withConnection(web1, async () => undefined);
    const work = jest.fn(async (client: Client) => {
      if (client === (dialed[0] as unknown as Client)) throw new ConnectionLostError('Not connected');
      return 'ran';
    });
    await expect(pool.withConnection(web1, work)).resolves.toBe('ran');
    expect(dial).toHaveBeenCalledTimes(2);
    expect(dialed[0].ended).toBe(true);
  });

  it('forgets a connection the server closed', async () => {
    const { dial, dialed } = fakeDialer();
    const pool = new ConnectionPool(dial);
    await pool.withConnection(web1, async () => undefined);
    dialed[0].emit('close');
    await pool.withConnection(web1, async () => undefined);
    expect(dial).toHaveBeenCalledTimes(2);
  });

  it('closes a connection left idle', async () => {
    const { dial, dialed } = fakeDialer();
    const pool = new ConnectionPool(dial, 8, 10);
    await pool.withConnection(web1, async () => undefined);
    await sleep(30);
    expect(dialed[0].ended).toBe(true);
  });

  it('tells the caller that dials about retries', async () => {
    const dial = jest.fn(async (_spec: ConnectionSpec, onRetry: (message: string) => void) => {
      onRetry('Dial 1/10 failed: retrying');
      return new FakeClient() as unknown as Client;
    });
    const onRetry = jest.fn();
    await new ConnectionPool(dial).withConnection(web1, async () => undefined, onRetry);
    expect(onRetry).toHaveBeenCalledWith('Dial 1/10 failed: retrying');
  });
});
