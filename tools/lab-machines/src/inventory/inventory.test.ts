import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planHosts } from '../topology/topology';
import { inventorySchema } from '@hastack/inventory';
import { buildInventory, labInventoryPath, readInventory, writeInventory } from './inventory';

const files = { privateKey: '/abs/path/.lab/ssh/id_ed25519', smsRecords: '/abs/path/.lab/sms/requests.jsonl' };
const topology = { directors: 2, web: 2, databases: 2, dfsMaster: 1, chunkservers: 2, monitoring: 1, stranger: 1 };

describe('buildInventory', () => {
  const inventory = buildInventory(planHosts(topology), files, (host) => `ssh-ed25519 ${Buffer.from(host.name).toString('base64')}`);

  it('has exactly the shape the lab stack reads', () => {
    expect({ ...inventory, hosts: inventory.hosts.slice(0, 1) }).toEqual({
      environment: 'lab',
      network: { cidr: '198.18.0.0/24', gateway: '198.18.0.1', admin: ['198.18.0.1'] },
      vip: '198.18.0.100',
      virtualRouterId: 51,
      smsGateway: { url: 'http://198.18.0.1:8025/sms', recordsFile: '/abs/path/.lab/sms/requests.jsonl' },
      hosts: [
        {
          name: 'director1',
          roles: ['director'],
          address: '198.18.0.11',
          port: 22,
          user: 'root',
          privateKeyPath: '/abs/path/.lab/ssh/id_ed25519',
          os: 'debian-12',
          interface: 'eth0',
          hostKey: `ssh-ed25519 ${Buffer.from('director1').toString('base64')}`,
          weight: 1,
        },
      ],
    });
    expect(inventorySchema.parse(inventory)).toEqual(inventory);
  });

  it('lists the site hosts and leaves the stranger out, so the site never configures it', () => {
    expect(inventory.hosts).toHaveLength(10);
    const listed = inventory.hosts.flatMap((h) => [h.name, h.address]);
    expect(listed).not.toContain('stranger');
    expect(listed).not.toContain('198.18.0.250');
  });

  it("names the containers' NIC host0", () => {
    expect(inventory.hosts.find((h) => h.name === 'web1')?.interface).toBe('host0');
  });
});

describe('readInventory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-inventory-'));
  afterAll(() => fs.rmSync(dir, { recursive: true }));
  // The stack's checks read the key file, so it has to exist.
  const privateKey = path.join(dir, 'id_ed25519');
  fs.writeFileSync(privateKey, 'key\n');
  const inventory = buildInventory(planHosts(topology), { ...files, privateKey }, (host) => `ssh-ed25519 ${Buffer.from(host.name).toString('base64')}`);

  it('reads back what lab:up wrote', () => {
    writeInventory(path.join(dir, 'inventory.json'), inventory);
    expect(readInventory(path.join(dir, 'inventory.json'))).toEqual(inventory);
  });

  it("makes the checks the stack makes, not only the schema's", () => {
    writeInventory(path.join(dir, 'vip-taken.json'), { ...inventory, vip: inventory.hosts[0].address });
    expect(() => readInventory(path.join(dir, 'vip-taken.json'))).toThrow(`vip: ${inventory.hosts[0].address} is the address of host "director1"`);
  });

  it('says to run lab:up when there is no inventory', () => {
    expect(() => readInventory(path.join(dir, 'missing.json'))).toThrow(/run `npm run lab:up` first/);
  });
});

describe('labInventoryPath', () => {
  it('is the file lab:up writes, unless HASTACK_INVENTORY names another', () => {
    expect(labInventoryPath({ HASTACK_ROOT: '/clone' })).toBe('/clone/.lab/inventory.json');
    expect(labInventoryPath({ HASTACK_ROOT: '/clone', HASTACK_INVENTORY: '/tmp/site.json' })).toBe('/tmp/site.json');
  });
});
