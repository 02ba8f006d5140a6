import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { ConfigFile, defineHost, osProfile, RecordedHostKey } from '@hastack/host';
import { appBundle, RELEASES_DIR } from '@hastack/web';
import type { InventoryHost } from '@hastack/inventory';
import { labSsh, labStranger } from '@hastack/lab-machines';
import { selectProbeStack } from '../src/deploy/probe-stack';
import { DEMO_APP_DIR } from '../src/program';
import { currentVipHolder, hostsWithRole } from '../src/probes/failover';
import { portScan } from '../src/probes/port-scan';
import { sendVrrpAdverts } from '../src/probes/vrrp-forge';
import { describeTraffic, startTraffic } from '../src/probes/traffic';
import { inventory, sh } from './support';

const stranger = labStranger();
const has = (role: InventoryHost['roles'][number]) => hostsWithRole(inventory, role);

/** The TCP ports a host listens on beyond its loopback: everything a stranger could try. */
async function listeningPorts(host: InventoryHost): Promise<number[]> {
  const out = await sh(host, "ss -Hltn | awk '{print $4}' | grep -v -E '^(127\\.|\\[::1\\])' | sed 's/.*://' | sort -un");
  return out.split('\n').filter(Boolean).map(Number);
}

/** Whether `from` opens a TCP connection to `to:port` within 3 s. */
async function reaches(from: InventoryHost, to: string, port: number): Promise<boolean> {
  return (await labSsh(from, `timeout 3 bash -c '</dev/tcp/${to}/${port}'`)).code === 0;
}

describe('lock-down: what a host that is not in the site gets', () => {
  it('reaches only HTTP on the web hosts and the VIP, on every port any site host listens on', async () => {
    const ports = [...new Set([22, ...(await Promise.all(inventory.hosts.map(listeningPorts))).flat()])].sort((a, b) => a - b);
    expect(ports).toEqual(expect.arrayContaining([22, 80, 3306, 5666, 9419, 9420, 9421, 9422]));
    const targets = [...inventory.hosts.map(({ name, address }) => ({ name, address })), { name: 'vip', address: inventory.vip }];
    const open = await portScan(stranger, targets, ports);
    const expected = Object.fromEntries(targets.map(({ name }) => [name, name === 'vip' || has('web').some((web) => web.name === name) ? [80] : []]));
    console.log(`the stranger tried ports ${ports.join(', ')} on ${targets.length} addresses; open: ${JSON.stringify(Object.fromEntries(open))}`);
    expect(Object.fromEntries(open)).toEqual(expected);
  });

  it('lets each port be reached from the peers that need it', async () => {
    const [web1] = has('web');
    const [primary, replica] = [...has('db-primary'), ...has('db-replica')];
    const [master] = has('dfs-master');
    const chunkservers = has('dfs-chunkserver');
    const [metalogger] = has('dfs-metalogger');
    const [monitoring] = has('monitoring');
    const paths: [InventoryHost, InventoryHost, number][] = [
      [web1, primary, 3306],
      [replica, primary, 3306],
      [monitoring, primary, 3306],
      [web1, master, 9421],
      [chunkservers[0], master, 9420],
      [metalogger, master, 9419],
      [web1, chunkservers[0], 9422],
      [chunkservers[1], chunkservers[0], 9422],
      ...inventory.hosts.filter((host) => host !== monitoring).map((host): [InventoryHost, InventoryHost, number] => [monitoring, host, 5666]),
    ];
    const refused = [];
    for (const [from, to, port] of paths) if (!(await reaches(from, to.address, port))) refused.push(`${from.name} -> ${to.name}:${port}`);
    expect(refused).toEqual([]);
  });

  it('cannot take the VIP with VRRP adverts of priority 255, and the site keeps serving', async () => {
    const holder = await currentVipHolder(inventory);
    expect(holder).toBeDefined();
    const since = (await sh(holder!, 'date +%s')).trim();
    const traffic = startTraffic(`http://${inventory.vip}/`);
    await sendVrrpAdverts(stranger, {
      virtualRouterId: inventory.virtualRouterId,
      priority: 255,
      vips: [inventory.vip],
      // Faster than the directors' 0.2 s adverts: each dropped advert must not delay the master's own.
      intervalMs: 50,
      durationMs: 6000,
      unicastTo: has('director').map((director) => director.address),
    });
    const report = await traffic.stop();
    console.log(`during 6 s of forged adverts: ${describeTraffic(report)}`);
    expect((await currentVipHolder(inventory))?.name).toBe(holder!.name);
    for (const director of has('director')) {
      expect(
        await sh(director, `journalctl -q -u keepalived --no-pager -o cat --since @${since} | grep -E 'Entering (BACKUP|MASTER|FAULT) STATE' || true`),
      ).toBe('');
    }
    expect(report.failed).toBe(0);
  });
});

describe('lock-down: host keys, trusted on first use', () => {
  // The address the stack knows the host by: the monitoring host holds it first, then the stranger takes it.
  const ADDRESS = '198.18.0.249';
  const FILE = '/etc/hastack-e2e-tofu.conf';
  const STACK = 'host-key-e2e';
  const [genuine] = has('monitoring');
  // A key of the test's own, so that a login with it on the stranger can only be the deployment's.
  const keyDir = mkdtempSync(join(tmpdir(), 'hastack-e2e-tofu-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hastack-e2e-tofu', '-f', join(keyDir, 'id')]);
  const privateKey = readFileSync(join(keyDir, 'id'), 'utf8');
  const authorized = readFileSync(join(keyDir, 'id.pub'), 'utf8').trim();
  const fingerprintOf = (key: string) => execFileSync('ssh-keygen', ['-lf', '-'], { input: `${key}\n`, encoding: 'utf8' }).split(' ')[1];
  const secretOf = (run: string) => `token=${run}-${Date.now().toString(36)}`;
  const authorize = `echo '${authorized}' >> /root/.ssh/authorized_keys`;
  const unauthorize = "sed -i '/hastack-e2e-tofu/d' /root/.ssh/authorized_keys";

  const program = (secret: string) => async () => {
    const reached = { name: 'tofu-target', address: ADDRESS, os: 'debian-12', privateKey: pulumi.secret(privateKey) };
    const recorded = new RecordedHostKey('tofu-target-host-key', { host: defineHost(reached) });
    const host = defineHost({ ...reached, hostKey: recorded.publicKey });
    new ConfigFile('tofu-target-secret', { host, path: FILE, content: pulumi.secret(`${secret}\n`), mode: '0600' });
    return { publicKey: recorded.publicKey };
  };

  afterAll(async () => {
    await labSsh(stranger, `ip addr del ${ADDRESS}/24 dev host0 2>/dev/null; ${unauthorize}; rm -f ${FILE}`);
    await sh(genuine, `ip addr replace ${ADDRESS}/24 dev host0`);
    execFileSync('ip', ['neigh', 'flush', 'to', ADDRESS]);
    const stack = await selectProbeStack(STACK, program(secretOf('destroy')));
    await stack.destroy();
    await stack.workspace.removeStack(STACK);
    await sh(genuine, `ip addr del ${ADDRESS}/24 dev host0; ${unauthorize}`);
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('records the key on the first deployment and refuses a host that answers with another one, sending it nothing', async () => {
    await sh(genuine, `ip addr replace ${ADDRESS}/24 dev host0 && ${authorize}`);
    const first = await (await selectProbeStack(STACK, program(secretOf('first')))).up();
    const genuineKey = (await sh(genuine, "cut -d ' ' -f 1,2 /etc/ssh/ssh_host_ed25519_key.pub")).trim();
    expect(first.outputs.publicKey.value).toBe(genuineKey);
    expect(await sh(genuine, `cat ${FILE}`)).toMatch(/^token=first-/);

    // The stranger takes the address and, as an impostor would, lets the deployment's key in.
    await sh(genuine, `ip addr del ${ADDRESS}/24 dev host0`);
    await labSsh(stranger, `ip addr add ${ADDRESS}/24 dev host0 && ${authorize}`);
    // This machine would otherwise keep sending to the genuine host's MAC address until its entry ages out.
    execFileSync('ip', ['neigh', 'flush', 'to', ADDRESS]);
    const strangerKey = (await labSsh(stranger, "cut -d ' ' -f 1,2 /etc/ssh/ssh_host_ed25519_key.pub")).stdout.trim();

    const second = (await selectProbeStack(STACK, program(secretOf('second')))).up();
    await expect(second).rejects.toThrow(/tofu-target/);
    const message = String(await second.catch((error: Error) => error.message));
    expect(message).toContain(`the host key of ${ADDRESS}:22 changed: it presented ${fingerprintOf(strangerKey)}, expected ${fingerprintOf(genuineKey)}`);
    expect((await labSsh(stranger, `test -e ${FILE}`)).code).not.toBe(0);
    const logins = await labSsh(stranger, `journalctl -q -u ssh --no-pager -o cat | grep -c 'Accepted publickey .* ${fingerprintOf(authorized)}' || true`);
    expect(logins.stdout.trim()).toBe('0');
  });
});

describe('lock-down: what the application ships', () => {
  it('leaves the version control folder and the dotfiles of the application folder out of the release every web host serves', async () => {
    const baited = mkdtempSync(join(tmpdir(), 'hastack-e2e-app-'));
    try {
      cpSync(DEMO_APP_DIR, baited, { recursive: true });
      mkdirSync(join(baited, '.git'));
      writeFileSync(join(baited, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      writeFileSync(join(baited, '.env'), 'DB_PASSWORD=not-for-the-web\n');
      const { digest } = appBundle(baited);
      expect(digest).toBe(appBundle(DEMO_APP_DIR).digest);
      for (const web of has('web')) expect((await sh(web, `readlink ${osProfile(web.os).paths.webDocumentRoot}`)).trim()).toBe(`${RELEASES_DIR}/${digest}`);
    } finally {
      rmSync(baited, { recursive: true, force: true });
    }
  });

  it('denies any dot-path through the VIP, even a file someone put in the document root by hand', async () => {
    for (const web of has('web')) await sh(web, `echo planted > "$(readlink -f ${osProfile(web.os).paths.webDocumentRoot})/.env"`);
    try {
      for (const path of ['/.env', '/.git/HEAD', '/.git/', '/%2eenv']) {
        const response = await fetch(`http://${inventory.vip}${path}`);
        expect([path, response.status]).toEqual([path, 403]);
      }
      expect((await fetch(`http://${inventory.vip}/`)).status).toBe(200);
    } finally {
      for (const web of has('web')) await sh(web, `rm -f "$(readlink -f ${osProfile(web.os).paths.webDocumentRoot})/.env"`);
    }
  });
});
