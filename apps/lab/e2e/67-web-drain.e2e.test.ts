import { drainLabWebHost, undrainLabWebHost } from '../src/ops/web-drain';
import { hostsWithRole } from '../src/probes/failover';
import { describeTraffic, startTraffic } from '../src/probes/traffic';
import { sampleSite } from '../src/status';
import { e2eStack, inventory } from './support';

const [web1] = hostsWithRole(inventory, 'web');
const url = `http://${inventory.vip}/`;
// Draining is the directors' business: a dev stack without them has nothing to take the host out of.
const withDirectors = !e2eStack.tiers || e2eStack.tiers.includes('director');
const itThroughVip = withDirectors ? it : it.skip;

describe('npm run ops -- web:drain / web:undrain', () => {
  itThroughVip(
    `takes ${web1.name} out of the pool and back while a client sends requests, none of them failing`,
    async () => {
      const traffic = startTraffic(url);
      const lines: string[] = [];
      const log = (line: string) => lines.push(line);
      let report;
      try {
        const drained = await drainLabWebHost(inventory, web1.name, e2eStack.name, log);
        const whileDrained = await sampleSite(url, 20);
        expect(whileDrained[web1.name]).toBeUndefined();
        const back = await undrainLabWebHost(inventory, web1.name, e2eStack.name, log);
        lines.push(`drained in ${drained.seconds.toFixed(1)} s, back in ${back.seconds.toFixed(1)} s`);
      } finally {
        report = await traffic.stop();
      }
      console.log(`${lines.join('\n')}\n${describeTraffic(report)}`);
      expect(report.failures).toEqual({});
      expect(report.perSecond).toBeGreaterThanOrEqual(20);
      const afterwards = await sampleSite(url, 20);
      expect(afterwards[web1.name]).toBeGreaterThan(0);
    },
    300000,
  );

  it('refuses a host that is not a web host, naming the web hosts', async () => {
    await expect(drainLabWebHost(inventory, 'db1', e2eStack.name, () => undefined)).rejects.toThrow('"db1" is not a web host of the lab');
  });
});
