import { currentVipHolder, hostsWithRole } from '../src/probes/failover';
import { sampleSite } from '../src/status';
import { parseIpvsTable } from '@hastack/director';
import { deploy, inventory, sh } from './support';

const [web1, web2] = hostsWithRole(inventory, 'web');
const weighted = {
  ...inventory,
  hosts: inventory.hosts.map((h) => (h.name === web1.name ? { ...h, weight: 3 } : h.name === web2.name ? { ...h, weight: 1 } : h)),
};

describe('changing real-server weights in the inventory', () => {
  afterAll(() => deploy(inventory));

  it('reaches the directors by a reload that keeps the VIP, and IPVS then balances 3:1', async () => {
    const holder = (await currentVipHolder(inventory))!;
    const pidBefore = await sh(holder, 'systemctl show -p MainPID --value keepalived');
    const result = await deploy(weighted);
    const changes = result.summary.resourceChanges ?? {};
    // On each director: keepalived.conf rewritten, and its service's one command updated to reload it.
    expect(changes).toMatchObject({ update: 4 });
    expect(changes.replace ?? 0).toBe(0);
    expect(changes.create ?? 0).toBe(0);
    expect(changes.delete ?? 0).toBe(0);

    expect((await currentVipHolder(inventory))?.name).toBe(holder.name);
    expect(await sh(holder, 'systemctl show -p MainPID --value keepalived')).toBe(pidBefore);
    const weights = Object.fromEntries(parseIpvsTable(await sh(holder, 'ipvsadm -Ln')).map((row) => [row.address, row.weight]));
    expect(weights).toMatchObject({ [`${web1.address}:80`]: 3, [`${web2.address}:80`]: 1 });

    const tally = await sampleSite(`http://${inventory.vip}/`, 1000);
    expect(tally.failed ?? 0).toBe(0);
    const share = tally[web1.name] / 1000;
    expect(share).toBeGreaterThan(0.75 * 0.9);
    expect(share).toBeLessThan(0.75 * 1.1);
  });
});
