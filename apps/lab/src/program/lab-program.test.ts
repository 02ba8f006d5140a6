import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordResources, valueOf } from '@hastack/host/testing';
import { validateInventory } from '@hastack/inventory';
import { labProgram } from './lab-program';

const recorded = recordResources();
const key = join(mkdtempSync(join(tmpdir(), 'lab-program-')), 'id_ed25519');
writeFileSync(key, 'PRIVATE KEY TEXT');

const host = (name: string, address: string, roles: string[], iface = 'host0') => ({
  name,
  roles,
  address,
  privateKeyPath: key,
  os: 'debian-12',
  interface: iface,
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
    outputs = await labProgram(inventory, { tiers: ['director', 'web'] })();
    await sleep(100);
  });

  it('composes the site from the lab inventory, reaching each host with its key file', () => {
    expect(recorded.some((r) => r.type === 'hastack:site:Site')).toBe(true);
    const connection = recorded.find((r) => r.name === 'web1-web-site-write')?.inputs.connection as Record<string, unknown>;
    expect(JSON.stringify(connection)).toContain('PRIVATE KEY TEXT');
  });

  it('exports the site URL and each host with its roles', async () => {
    expect(await valueOf(outputs.siteUrl)).toBe('http://198.18.0.100/');
    expect(outputs.preferredVipHolder).toBe('director1');
    expect(outputs.hosts.db1).toEqual(['db-primary']);
  });
});
