import { spawnSync } from 'node:child_process';
import type { HostRole } from '@hastack/inventory';
import { resolve } from 'node:path';
import { deploy, e2eStack, inventory, sh, sshLogins } from './support';

const root = resolve(__dirname, '../../..');
const withRole = (role: HostRole) => {
  const host = inventory.hosts.find((candidate) => candidate.roles.includes(role));
  if (!host) throw new Error(`the lab has no ${role} host`);
  return host;
};
const [director, web, otherWeb, db] = [
  withRole('director'),
  withRole('web'),
  inventory.hosts.filter((host) => host.roles.includes('web'))[1],
  withRole('db-replica'),
];
const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';
const IPVS_SYSCTL = 'net.ipv4.vs.expire_nodest_conn';

/** `npm run drift` as an operator runs it: its exit status, the drift lines and its closing line. */
function drift(): { status: number | null; lines: string[]; summary: string } {
  const started = Date.now();
  const result = spawnSync('bash', ['tools/scripts/run.sh', 'drift', e2eStack.name], { cwd: root, encoding: 'utf8' });
  const lines = result.stdout.trim().split('\n');
  console.log(`npm run drift: ${((Date.now() - started) / 1000).toFixed(1)} s\n${result.stdout}${result.stderr}`);
  return { status: result.status, lines: lines.slice(0, -1), summary: lines.at(-1) ?? '' };
}

const keepalivedPid = () => sh(director, 'systemctl show -p MainPID --value keepalived').then((pid) => pid.trim());

describe('drift on demand', () => {
  it('names exactly the five things changed by hand, the next up puts them back, and the drift is then clean', async () => {
    const pidBefore = await keepalivedPid();
    const since = (await sh(director, 'date +%s')).trim();
    await Promise.all([
      sh(director, `echo '# edited by hand during an incident' >> ${KEEPALIVED_CONF}; sysctl -q -w ${IPVS_SYSCTL}=0`),
      sh(db, 'systemctl stop nagios-nrpe-server'),
      sh(web, 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q php-mysql >/dev/null'),
      sh(otherWeb, `ip addr del ${inventory.vip}/32 dev lo`),
    ]);

    const found = drift();
    expect(found.status).toBe(1);
    expect(found.lines.map((line) => line.replace(/^\S+: /, '')).sort()).toEqual(
      [
        `${KEEPALIVED_CONF}: content differs from the deployed file`,
        'nagios-nrpe-server: not running',
        'package php-mysql: not installed',
        `sysctl ${IPVS_SYSCTL}: 0, deployed 1`,
        `VIP ${inventory.vip}: not on lo`,
      ].sort(),
    );
    // Each line names the resource, and through it the host.
    for (const [host, pattern] of [
      [director, KEEPALIVED_CONF],
      [director, IPVS_SYSCTL],
      [db, 'nagios-nrpe-server'],
      [web, 'php-mysql'],
      [otherWeb, 'not on lo'],
    ] as const) {
      expect(found.lines.find((line) => line.includes(pattern))).toContain(host.name);
    }

    const restored = await deploy();
    expect(restored.summary.resourceChanges).toEqual({ same: expect.any(Number), update: 5 });
    await sh(director, `! grep -q 'edited by hand' ${KEEPALIVED_CONF}`);
    await sh(director, `test "$(sysctl -n ${IPVS_SYSCTL})" = 1`);
    await sh(db, 'systemctl is-active --quiet nagios-nrpe-server');
    await sh(web, "dpkg-query -W -f='${Status}' php-mysql | grep -q 'install ok installed'");
    await sh(otherWeb, `ip -4 -o addr show dev lo | grep -qF ' ${inventory.vip}/32 '`);
    // keepalived took the put-back file by a reload: the same process, which logged the reload.
    expect(await keepalivedPid()).toBe(pidBefore);
    expect(await sh(director, `journalctl -q -u keepalived --since @${since} --no-pager -o cat | grep -c 'Reloaded' || true`)).not.toMatch(/^0/);

    const clean = drift();
    expect(clean.lines).toEqual([]);
    expect(clean.summary).toMatch(/no drift$/);
    expect(clean.status).toBe(0);
  });

  it('leaves a plain up host-free after that: no SSH login anywhere', async () => {
    const before = await Promise.all(inventory.hosts.map(sshLogins));
    const started = Date.now();
    const result = await deploy();
    console.log(`a no-op up after the drift was put back: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
    const after = await Promise.all(inventory.hosts.map(sshLogins));
    expect(after).toEqual(before.map((count) => count + 1));
  });
});
