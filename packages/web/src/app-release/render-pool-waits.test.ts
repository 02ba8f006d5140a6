import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '@hastack/host';
import { renderPoolWaits } from './render-pool-waits';
import type { PoolWaitOptions } from './render-pool-waits';

const DIRECTORS = ['198.18.0.11', '198.18.0.12'];

function check(director: string, status: number): string {
  return `${director} - - [26/Nov/2026:22:00:00 +0000] "GET /health HTTP/1.0" ${status} 3 "-" "KeepAliveD/2.2"\n`;
}

/** Runs a wait in bash; resolves with its exit code and stderr. */
function run(script: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('bash', ['-c', bashScript([script])]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('renderPoolWaits', () => {
  let dir: string;
  let log: string;
  let flag: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pool-'));
    log = join(dir, 'access.log');
    flag = join(dir, 'web', 'drain');
    writeFileSync(log, (check(DIRECTORS[0], 503) + check(DIRECTORS[1], 503)).repeat(5));
  });
  // A port nobody listens on: no client connection to wait for.
  const waits = (change: Partial<PoolWaitOptions> = {}) =>
    renderPoolWaits({
      flag,
      accessLog: log,
      healthPath: '/health',
      directors: DIRECTORS,
      peers: [],
      failedChecks: 2,
      passedChecks: 2,
      port: 9,
      directorsTimeoutSeconds: 5,
      ...change,
    });

  it('leaves the pool once every director has seen the flag fail its checks, counting only what follows the flag', async () => {
    let done = false;
    const leaving = run(waits().leave).then((result) => ((done = true), result));
    await settle();
    expect(existsSync(flag)).toBe(true);
    appendFileSync(log, check(DIRECTORS[0], 503) + check(DIRECTORS[0], 503) + check(DIRECTORS[1], 503));
    await settle();
    expect(done).toBe(false);
    appendFileSync(log, check(DIRECTORS[1], 503));
    expect(await leaving).toEqual({ code: 0, stderr: '' });
  });

  /** The flag set without waiting for the checks, then the rejoin. */
  const rejoinAfterFlag = (timeout: number) => {
    const { leave, rejoin } = waits({ directorsTimeoutSeconds: timeout });
    return run(
      `${leave
        .split('\n')
        .filter((line) => !line.startsWith('wait_checks 503'))
        .join('\n')}\n${rejoin}`,
    );
  };

  it('rejoins once every director had two 200s: keepalived puts a host back on the second', async () => {
    let done = false;
    const rejoining = rejoinAfterFlag(5).then((result) => ((done = true), result));
    await settle();
    appendFileSync(log, check(DIRECTORS[0], 200) + check(DIRECTORS[1], 200) + check(DIRECTORS[0], 200));
    await settle();
    expect(done).toBe(false);
    appendFileSync(log, check(DIRECTORS[1], 200));
    expect(await rejoining).toEqual({ code: 0, stderr: '' });
  });

  it('says which directors did not take the host back', async () => {
    const rejoining = rejoinAfterFlag(1);
    await settle();
    appendFileSync(log, check(DIRECTORS[0], 200) + check(DIRECTORS[1], 200));
    expect(await rejoining).toEqual({ code: 1, stderr: 'the directors (198.18.0.11, 198.18.0.12) did not take the host back within 1 s\n' });
    expect(existsSync(flag)).toBe(false);
    expect(existsSync(join(dir, 'web'))).toBe(false);
  });

  it('does not wait for a director that checks nothing (it is down), only for the others', async () => {
    const leaving = run(waits({ silentDirectorSeconds: 1, directorsTimeoutSeconds: 3 }).leave);
    await settle();
    appendFileSync(log, check(DIRECTORS[0], 503) + check(DIRECTORS[0], 503));
    expect(await leaving).toEqual({ code: 0, stderr: '' });
  });

  describe('served_elsewhere', () => {
    let server: Server;
    let port: number;
    let status: number;
    beforeAll(async () => {
      server = createServer((request, response) => response.writeHead(request.url === '/health' ? status : 404).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));
    const servedElsewhere = (peers: string[]) => run(`${waits({ peers, port }).servedElsewhere}\nserved_elsewhere`).then(({ code }) => code);

    it("succeeds while a peer's health URL answers 200, and not while it answers 503 or nothing listens", async () => {
      status = 200;
      expect(await servedElsewhere(['127.0.0.1'])).toBe(0);
      expect(await servedElsewhere(['127.0.0.2', '127.0.0.1'])).toBe(0);
      status = 503;
      expect(await servedElsewhere(['127.0.0.1'])).toBe(1);
      expect(await servedElsewhere(['127.0.0.2'])).toBe(1);
    });

    it('fails without peers', async () => {
      status = 200;
      expect(await servedElsewhere([])).toBe(1);
    });
  });
});
