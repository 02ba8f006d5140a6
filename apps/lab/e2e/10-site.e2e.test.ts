import { collectLabStatus } from '../src/status';
import { hostsWithRole } from '../src/probes/failover';
import { inventory, sh } from './support';
import { waitUntil } from '@hastack/host';

const webHosts = hostsWithRole(inventory, 'web');

describe('the site through the VIP', () => {
  it('is answered by every web host, with one director holding the VIP', async () => {
    const status = await collectLabStatus(inventory, 40);
    expect(status.vipHolders).toHaveLength(1);
    expect(status.answeredBy.failed ?? 0).toBe(0);
    for (const web of webHosts) expect(status.answeredBy[web.name]).toBeGreaterThan(0);
    expect(status.realServers.map((row) => row.name).sort()).toEqual(webHosts.map((h) => h.name).sort());
  });

  it('is forwarded by direct routing: the directors see requests but no replies', async () => {
    const directors = hostsWithRole(inventory, 'director');
    const packets = async () => {
      const totals = { in: 0, out: 0 };
      for (const director of directors) {
        const stats = await sh(director, 'ipvsadm -Ln --stats');
        const service = stats.split('\n').find((line) => line.startsWith('TCP') && line.includes(`${inventory.vip}:80`));
        const [, , , inPackets, outPackets] = service!.trim().split(/\s+/);
        totals.in += Number(inPackets);
        totals.out += Number(outPackets);
      }
      return totals;
    };
    // IPVS sums its per-CPU counters every 2 s, so the requests above show up a moment later.
    const seen = await waitUntil(
      'the requests in the IPVS counters',
      async () => {
        const totals = await packets();
        return totals.in > 0 ? totals : undefined;
      },
      10000,
      500,
    );
    expect(seen.out).toBe(0);
    for (const director of directors) expect(await sh(director, 'ipvsadm -Ln')).toMatch(/->\s+\S+:80\s+Route/);
  });

  it('binds the VIP on lo of every real server without answering ARP for it', async () => {
    for (const web of webHosts) {
      expect(await sh(web, 'ip -o -4 addr show dev lo')).toContain(`${inventory.vip}/32`);
      expect((await sh(web, 'sysctl -n net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce')).split('\n').slice(0, 2)).toEqual(['1', '2']);
      expect((await sh(web, 'systemctl is-enabled hastack-lvs-real.service')).trim()).toBe('enabled');
    }
  });
});
