// Against the running lab (`npm run lab:up` first): every host as the stack will use it.
import { randomUUID } from 'node:crypto';
import type { InventoryHost } from '@hastack/inventory';
import { labSsh, labSshOrThrow, labStranger, LabStranger, MirrorProbePackage, readInventory, readSmsRecords } from './index';

const inventory = readInventory();

// An apt-get install on an emulated director takes minutes: up to the test's own timeout (jest.lab.config.js).
const on = (host: InventoryHost | LabStranger, command: string) => labSshOrThrow(host, command, { timeoutMs: 170_000 });

describe.each(inventory.hosts.map((host) => [host.name, host] as const))('%s', (_name, host) => {
  it('takes an SSH login with the lab key and is the host the inventory names, on its interface', async () => {
    const [hostname, address] = (await on(host, `hostname; ip -4 -o addr show dev ${host.interface}`)).split('\n');
    expect(hostname).toBe(host.name);
    expect(address).toContain(` ${host.address}/24 `);
  });

  it('has booted systemd to running, or says why it is degraded', async () => {
    const state = (await labSsh(host, 'systemctl is-system-running')).stdout.trim();
    if (state === 'degraded') {
      console.warn(`${host.name} is degraded; failed units:\n${await on(host, 'systemctl --failed --no-legend')}`);
    }
    expect(['running', 'degraded']).toContain(state);
  });

  // The directors fetch the mirror over HTTP from the machine, the containers have it bind-mounted.
  it('has the lab mirror as its only apt source, and installs a package from it', async () => {
    const sources = await on(host, 'cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v "^#" | grep .');
    expect(sources.trim().split('\n')).toEqual([
      host.roles.includes('director') ? 'deb [trusted=yes] http://198.18.0.1:8080/ ./' : 'deb [trusted=yes] file:/mirror ./',
    ]);
    const install = [
      'export DEBIAN_FRONTEND=noninteractive',
      'apt-get update -q',
      `apt-get install -y -q --no-install-recommends ${MirrorProbePackage}`,
      MirrorProbePackage,
      `apt-get purge -y -q ${MirrorProbePackage}`,
    ].join(' && ');
    expect(await on(host, install)).toContain('Hello, world!');
  });

  it('has no route out of the lab', async () => {
    expect(await on(host, 'ip route show default')).toBe('');
  });
});

describe.each(inventory.hosts.filter((h) => h.roles.includes('director')).map((h) => [h.name, h] as const))('director %s', (_name, host) => {
  it('loads ip_vs', async () => {
    expect(await on(host, 'modprobe ip_vs && head -1 /proc/net/ip_vs')).toMatch(/^IP Virtual Server version/);
  });
});

describe.each(inventory.hosts.filter((h) => h.roles.includes('web')).map((h) => [h.name, h] as const))('web host %s', (_name, host) => {
  it('has the FUSE device for its MooseFS mount', async () => {
    expect(await on(host, 'stat -c %F /dev/fuse')).toBe('character special file\n');
  });
});

describe('the lab as a whole', () => {
  it('gives every host its own machine id and SSH host key', async () => {
    const identities = await Promise.all(inventory.hosts.map((host) => on(host, 'cat /etc/machine-id; cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub')));
    const [machineIds, hostKeys] = [0, 1].map((line) => identities.map((text) => text.split('\n')[line]));
    expect(new Set(machineIds).size).toBe(inventory.hosts.length);
    expect(new Set(hostKeys).size).toBe(inventory.hosts.length);
  });

  it("records what a host sends to the SMS gateway, for the monitoring tier's tests to read", async () => {
    const [sender] = inventory.hosts.filter((h) => h.roles.includes('monitoring')).concat(inventory.hosts);
    const text = `lab-test-${randomUUID()}`;
    await on(sender, `curl -fsS -X POST --data 'text=${text}' '${inventory.smsGateway?.url}?to=100'`);
    const record = readSmsRecords(inventory).find((r) => r.body === `text=${text}`);
    expect(record).toMatchObject({ method: 'POST', path: '/sms?to=100' });
    expect(record?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });
});

describe('the stranger', () => {
  let stranger: LabStranger;
  beforeAll(() => {
    stranger = labStranger();
  });

  it('takes an SSH login with the lab key, checked against its own host key, and sits on the segment at its address', async () => {
    const [hostname, address] = (await on(stranger, 'hostname; ip -4 -o addr show dev host0')).split('\n');
    expect(hostname).toBe('stranger');
    expect(address).toContain(` ${stranger.address}/24 `);
  });

  it('is not in the inventory, by name or address, so the site never configures it', () => {
    expect(inventory.hosts.filter((host) => host.name === stranger.name || host.address === stranger.address)).toEqual([]);
  });

  it('has a machine id and SSH host key of its own', async () => {
    const identity = (host: InventoryHost | LabStranger) => on(host, 'cat /etc/machine-id; cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub');
    const [own, ...site] = await Promise.all([identity(stranger), ...inventory.hosts.map(identity)]);
    const [machineId, hostKey] = own.split('\n');
    expect(site.map((text) => text.split('\n')[0])).not.toContain(machineId);
    expect(site.map((text) => text.split('\n')[1])).not.toContain(hostKey);
  });

  // The probes of apps/lab/src/probes run python3 there; the VRRP one needs a raw socket (CAP_NET_RAW).
  it('runs python3 and may open a raw VRRP socket', async () => {
    await on(stranger, `python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, 112).close()'`);
  });

  it('has no route out of the lab', async () => {
    expect(await on(stranger, 'ip route show default')).toBe('');
  });
});
