import { currentVipHolder, hostsWithRole } from '../src/probes/failover';
import { whoAnswers } from '../src/status';
import { deploy, inventory, sh } from './support';

const [director1] = hostsWithRole(inventory, 'director');
const broken = {
  ...inventory,
  hosts: inventory.hosts.map((h) => (h.name === director1.name ? { ...h, interface: 'eth9' } : h)),
};

describe('a keepalived config that keepalived refuses', () => {
  it('fails the deployment with keepalived\'s message and leaves the running config serving', async () => {
    const confBefore = await sh(director1, 'sha256sum /etc/keepalived/keepalived.conf');
    const pidBefore = await sh(director1, 'systemctl show -p MainPID --value keepalived');
    const failure = await deploy(broken).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain('/etc/keepalived/keepalived.conf was refused by');
    expect(failure?.message).toMatch(/eth9/);
    expect(await sh(director1, 'sha256sum /etc/keepalived/keepalived.conf')).toBe(confBefore);
    expect(await sh(director1, 'systemctl show -p MainPID --value keepalived')).toBe(pidBefore);
    expect(await currentVipHolder(inventory)).toBeDefined();
    await expect(whoAnswers(`http://${inventory.vip}/`)).resolves.toBeTruthy();
  });

  it('leaves the stack as it was, so the next deployment of the good inventory changes nothing', async () => {
    const result = await deploy(inventory);
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
  });
});
