import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTraffic } from './traffic';

/** A site whose every third connection is reset and whose every fourth answer comes after 300 ms. */
async function flakySite() {
  let count = 0;
  const server = createServer((request, response) => {
    count++;
    if (count % 3 === 0) {
      request.socket.destroy();
      return;
    }
    const answer = () => response.end(`<p id="host">web${count % 2}</p>`);
    if (count % 4 === 0) setTimeout(answer, 300);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

describe('startTraffic', () => {
  it('keeps its rate while answers are slow, and counts answers by label and failures by reason', async () => {
    const site = await flakySite();
    try {
      const traffic = startTraffic(site.url, { perSecond: 40 });
      await sleep(1000);
      const report = await traffic.stop();
      expect(report.requests).toBeGreaterThanOrEqual(30);
      expect(report.perSecond).toBeGreaterThanOrEqual(30);
      expect(Object.keys(report.answers).sort()).toEqual(['web0', 'web1']);
      expect(Object.keys(report.failures)).toEqual(['ECONNRESET: socket hang up']);
      expect(report.failed).toBe(report.failures['ECONNRESET: socket hang up']);
      expect(report.failed).toBeGreaterThanOrEqual(Math.floor(report.requests / 3) - 1);
      expect(report.slowestMs).toBeGreaterThanOrEqual(300);
      expect(await traffic.stop()).toBe(report);
    } finally {
      site.close();
    }
  });

  it('catches up after the event loop was blocked, so the rate holds', async () => {
    const site = await flakySite();
    try {
      const traffic = startTraffic(site.url, { perSecond: 40 });
      await sleep(100);
      const blockedUntil = Date.now() + 600;
      while (Date.now() < blockedUntil);
      await sleep(300);
      const report = await traffic.stop();
      expect(report.perSecond).toBeGreaterThanOrEqual(36);
    } finally {
      site.close();
    }
  });

  it('counts a request that outlasts the timeout as failed', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const traffic = startTraffic(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { perSecond: 10, timeoutMs: 200 });
      await sleep(250);
      const report = await traffic.stop();
      expect(report.answers).toEqual({});
      expect(Object.keys(report.failures)).toEqual([expect.stringContaining('did not answer within 200 ms')]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
