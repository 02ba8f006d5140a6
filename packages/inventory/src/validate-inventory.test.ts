import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryError, validateInventory } from './validate-inventory';

const key = join(mkdtempSync(join(tmpdir(), 'inventory-')), 'id_ed25519');
writeFileSync(key, 'not a real key, only readable');

function host(name: string, address: string, roles: string[], extra: Record<string, unknown> = {}) {
  return { name, roles, address, port: 22, user: 'root', privateKeyPath: key, os: 'debian-12', interface: 'eth0', ...extra };
}

function inventory(change: Record<string, unknown> = {}) {
  return {
    environment: 'lab',
    network: { cidr: '198.18.0.0/24', gateway: '198.18.0.1' },
    vip: '198.18.0.100',
    hosts: [
      host('director1', '198.18.0.11', ['director']),
      host('director2', '198.18.0.12', ['director']),
      host('web1', '198.18.0.21', ['web'], { interface: 'host0' }),
    ],
    ...change,
  };
}

function problemsOf(data: unknown): string[] {
  try {
    validateInventory(data, 'test.json');
  } catch (error) {
    if (error instanceof InventoryError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateInventory', () => {
  it('accepts the lab inventory and fills defaults', () => {
    const { hosts } = inventory();
    const parsed = validateInventory(inventory({ hosts: hosts.map(({ port: _port, user: _user, ...rest }) => rest) }), 'test.json');
    expect(parsed.hosts[0]).toMatchObject({ port: 22, user: 'root', weight: 1 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing field', { vip: undefined }, 'vip: '],
    ['a malformed VIP', { vip: '198.18.0.999' }, 'vip: '],
    ['a malformed CIDR', { network: { cidr: '198.18.0.0/33', gateway: '198.18.0.1' } }, 'network.cidr: '],
    ['an unknown field', { extra: true }, '(root): Unrecognized key: "extra"'],
  ])('rejects %s with its path', (_, change, message) => {
    expect(problemsOf(inventory(change))).toContainEqual(expect.stringContaining(message));
  });

  it('rejects an unknown OS and names the supported ones', () => {
    const hosts = [...inventory().hosts.slice(0, 2), host('web1', '198.18.0.21', ['web'], { os: 'ubuntu-24' })];
    expect(problemsOf(inventory({ hosts }))).toContainEqual(expect.stringMatching(/^hosts\[2\]\.os: unknown OS "ubuntu-24": supported are debian-12,/));
  });

  it('rejects a retired release with the reason, before any host is touched', () => {
    const hosts = [...inventory().hosts.slice(0, 2), host('web1', '198.18.0.21', ['web'], { os: 'centos-7' })];
    expect(problemsOf(inventory({ hosts }))).toContainEqual(
      expect.stringMatching(/^hosts\[2\]\.os: "centos-7" is no longer supported \(end of life since 2024-06-30.*\): supported are debian-12,/),
    );
  });

  it('rejects an unknown role', () => {
    const hosts = [...inventory().hosts.slice(0, 2), host('web1', '198.18.0.21', ['webserver'])];
    expect(problemsOf(inventory({ hosts }))).toContainEqual(expect.stringContaining('hosts[2].roles[0]: '));
  });

  it('rejects duplicate names and addresses', () => {
    const hosts = [...inventory().hosts, host('web1', '198.18.0.21', ['web'])];
    const problems = problemsOf(inventory({ hosts }));
    expect(problems).toContain('hosts: the name "web1" is used twice');
    expect(problems).toContain('hosts: the address 198.18.0.21 is used twice');
  });

  it('rejects a VIP that is a host, the gateway, or outside the subnet', () => {
    expect(problemsOf(inventory({ vip: '198.18.0.21' }))).toContain('vip: 198.18.0.21 is the address of host "web1"');
    expect(problemsOf(inventory({ vip: '198.18.0.1' }))).toContain("vip: 198.18.0.1 is the network's gateway");
    expect(problemsOf(inventory({ vip: '10.0.0.100' }))).toContain("vip: 10.0.0.100 is outside the hosts' network 198.18.0.0/24");
  });

  it('rejects missing roles and wrong counts', () => {
    const [director1, , web1] = inventory().hosts;
    const problems = problemsOf(inventory({ hosts: [director1, { ...web1, roles: ['db-primary'] }] }));
    expect(problems).toContain('hosts: role "director" needs exactly 2 host(s), found 1');
    expect(problems).toContain('hosts: role "web" needs at least 1 host(s), found 0');
  });

  it('rejects an unreadable SSH key', () => {
    const hosts = [...inventory().hosts.slice(0, 2), host('web1', '198.18.0.21', ['web'], { privateKeyPath: '/nonexistent/key' })];
    expect(problemsOf(inventory({ hosts }))).toContain('hosts[2].privateKeyPath: cannot read /nonexistent/key (ENOENT)');
  });

  it('reports every problem at once', () => {
    expect(problemsOf(inventory({ vip: '198.18.0.11', hosts: inventory().hosts.slice(0, 2) })).length).toBe(2);
  });

  it('reports repeated names and addresses beside problems of shape', () => {
    const hosts = inventory().hosts.map((entry) => (entry.name === 'web1' ? { ...entry, address: '198.18.0.11', os: 'rocky-10' } : entry));
    const problems = problemsOf(inventory({ vip: undefined, hosts }));
    expect(problems).toContain('hosts: the address 198.18.0.11 is used twice');
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^vip: /), expect.stringMatching(/^hosts\[\d\]\.os: unknown OS "rocky-10"/)]));
  });
});
