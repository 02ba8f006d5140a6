import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordResources } from '@hastack/host/testing';
import { validateInventory } from '@hastack/inventory';
import { labProgram } from './lab-program';

const recorded = recordResources();
const key = join(mkdtempSync(join(tmpdir(), 'lab-program-')), 'id_ed25519');
writeFileSync(key, 'PRIVATE KEY TEXT');

const host = (name: string, address: string, roles: string[], iface = 'host0') => ({
  name, roles, address, privateKeyPath: key, os: 'debian-12', interface: iface,
});

const inventory = validateInventory(
  {
    environment: 'lab',
    network: { cidr: '198.18.0.0/24', gateway: '198.18.0.1' },
    vip: '198.18.0.100',
    hosts: [
      host('director1', '198.18.0.11', ['director'], 'eth0'),
      host('director2', '198.18.0.12', ['director'], 'eth0'),
      host('web1', '198.18.0.21', ['web']),
      { ...host('web2', '198.18.0.22', ['web']), weight: 3 },
      host('db1', '198.18.0.31', ['db-primary']),
    ],
  },
  'test',
);

describe('labProgram', () => {
  let outputs: Awaited<ReturnType<ReturnType<typeof labProgram>>>;
  beforeAll(async () => {
    outputs = await labProgram(inventory)();
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('puts the real-server VIP and a web server on every web host, and nothing on others', () => {
    const components = recorded.filter((r) => r.type.startsWith('hastack:')).map((r) => `${r.type} ${r.name}`);
    expect(components).toEqual(
      expect.arrayContaining([
        'hastack:director:RealServerVip web1-real-server',
        'hastack:director:RealServerVip web2-real-server',
        'hastack:web:WebServer web1-web',
        'hastack:web:WebServer web2-web',
        'hastack:director:DirectorPair lvs',
      ]),
    );
    expect(recorded.some((r) => r.name.startsWith('db1'))).toBe(false);
  });

  it('balances over the web hosts with their inventory weights', () => {
    const conf = String(recorded.find((r) => r.name === 'lvs-director1-keepalived-conf-write')?.inputs.stdin);
    expect(conf).toMatch(/real_server 198\.18\.0\.21 80 \{\n\s+weight 1/);
    expect(conf).toMatch(/real_server 198\.18\.0\.22 80 \{\n\s+weight 3/);
    expect(conf).toContain('interface eth0');
  });

  it('never puts the private key in a command', () => {
    const commands = recorded.filter((r) => r.type === 'command:remote:Command');
    expect(commands.length).toBeGreaterThan(10);
    for (const command of commands) expect(JSON.stringify([command.inputs.create, command.inputs.update, command.inputs.delete])).not.toContain('PRIVATE KEY');
  });

  it('exports the site URL and each host with its roles', () => {
    expect(outputs.siteUrl).toBe('http://198.18.0.100/');
    expect(outputs.preferredVipHolder).toBe('director1');
    expect(outputs.hosts.db1).toEqual(['db-primary']);
  });
});
