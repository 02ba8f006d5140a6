import { osProfile } from '@hastack/host';
import { currentVipHolder, hostsWithRole } from '../src/probes/failover';
import { whoAnswers } from '../src/status';
import { deploy, e2eStack, inventory, sh } from './support';

const [director1] = hostsWithRole(inventory, 'director');
const [web1] = hostsWithRole(inventory, 'web');
// The keepalived case needs the directors: the lab stack, not a dev stack of the web tier alone.
const withDirectors = !e2eStack.tiers || e2eStack.tiers.includes('director');
const broken = {
  ...inventory,
  hosts: inventory.hosts.map((h) => (h.name === director1.name ? { ...h, interface: 'eth9' } : h)),
};

(withDirectors ? describe : describe.skip)('a keepalived config that keepalived refuses', () => {
  it("fails the deployment with keepalived's message and leaves the running config serving", async () => {
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

describe('an Apache setting that apachectl refuses (a PHP limit without its value)', () => {
  const profile = osProfile(web1.os);
  const conf = `${profile.paths.webServerConfigDir}/hastack.conf`;
  const mainPid = () => sh(web1, `systemctl show -p MainPID --value ${profile.services.webServer}`);
  const phpValue = '/var/www/html/e2e-40-memory-limit.php';

  it("fails the deployment with Apache's message; the old config and PHP keep serving", async () => {
    const confBefore = await sh(web1, `sha256sum ${conf}`);
    const pidBefore = await mainPid();
    const failure = await deploy(inventory, { apacheSettings: ['php_admin_value memory_limit'] }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain(`were refused by ${profile.webServerConfigTest}`);
    expect(failure?.message).toMatch(/php_admin_value takes two arguments/);
    expect(await sh(web1, `sha256sum ${conf}`)).toBe(confBefore);
    expect(await mainPid()).toBe(pidBefore);
    expect(await sh(web1, 'curl -fsS http://127.0.0.1/')).toMatch(/id="php">\d+\.\d+/);
  });

  it('leaves the stack as it was, so the next deployment changes nothing', async () => {
    const result = await deploy(inventory);
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
  });

  it('applies a setting Apache accepts by a reload, and PHP under Apache uses it', async () => {
    const pidBefore = await mainPid();
    await sh(web1, `printf '%s' '<?php echo ini_get("memory_limit");' > ${phpValue}`);
    try {
      await deploy(inventory, { apacheSettings: ['php_admin_value memory_limit 200M'] });
      expect(await sh(web1, `curl -fsS http://127.0.0.1/${phpValue.split('/').pop()}`)).toBe('200M');
      expect(await mainPid()).toBe(pidBefore);
    } finally {
      await sh(web1, `rm -f ${phpValue}`);
      await deploy(inventory);
    }
  });
});

const withMonitoring = !e2eStack.tiers || e2eStack.tiers.includes('monitoring');

(withMonitoring ? describe : describe.skip)('a Nagios setting that nagios -v refuses', () => {
  const [monitoring] = hostsWithRole(inventory, 'monitoring');
  const profile = osProfile(monitoring.os);
  const config = `${profile.paths.nagiosConfigDir}/nagios.cfg ${profile.paths.nagiosConfigDir}/hastack-objects.cfg`;
  const mainPid = () => sh(monitoring, `systemctl show -p MainPID --value ${profile.services.nagiosServer}`);

  it("fails the deployment with Nagios's message; the old object set keeps running", async () => {
    const before = await sh(monitoring, `sha256sum ${config}`);
    const pidBefore = await mainPid();
    const failure = await deploy(inventory, { nagiosSettings: { max_service_check_spread: 'soon' } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain(`were refused by ${profile.paths.nagiosBinary} -v`);
    expect(failure?.message).toMatch(/Illegal value for max_service_check_spread/);
    expect(await sh(monitoring, `sha256sum ${config}`)).toBe(before);
    expect(await mainPid()).toBe(pidBefore);
    expect((await sh(monitoring, `systemctl is-active ${profile.services.nagiosServer}`)).trim()).toBe('active');
  });

  it('leaves the stack as it was, so the next deployment changes nothing', async () => {
    const result = await deploy(inventory);
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
  });
});
