import { currentVipHolder, hostsWithRole, waitForPoolMembership } from '../src/probes/failover';
import { sampleSite } from '../src/status';
import { inventory, sh } from './support';

const [, web2] = hostsWithRole(inventory, 'web');

describe('a dead real server', () => {
  afterAll(() => sh(web2, 'systemctl start apache2'));

  it('leaves the pool within the checker time, after which no request fails, and comes back', async () => {
    const holder = (await currentVipHolder(inventory))!;
    const started = Date.now();
    await sh(web2, 'systemctl stop apache2');
    await waitForPoolMembership(holder, web2, false, 15000);
    const leftAfterMs = Date.now() - started;
    console.log(`${web2.name} left the pool ${leftAfterMs} ms after Apache stopped`);
    // Check every 1 s, fail after 1 retry 0.5 s later: well under 5 s even with an SSH round trip.
    expect(leftAfterMs).toBeLessThan(5000);

    const tally = await sampleSite(`http://${inventory.vip}/`, 50);
    expect(tally.failed ?? 0).toBe(0);
    expect(tally[web2.name] ?? 0).toBe(0);

    await sh(web2, 'systemctl start apache2');
    await waitForPoolMembership(holder, web2, true, 15000);
    const after = await sampleSite(`http://${inventory.vip}/`, 20);
    expect(after[web2.name]).toBeGreaterThan(0);
  });
});
