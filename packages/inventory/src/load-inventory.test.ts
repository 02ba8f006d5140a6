import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webHostNames } from './examples/readme-example';
import { loadInventory } from './load-inventory';

const dir = mkdtempSync(join(tmpdir(), 'load-inventory-'));
const key = join(dir, 'id_ed25519');
writeFileSync(key, 'key');

const host = (name: string, address: string, roles: string[]) => ({ name, roles, address, privateKeyPath: key, os: 'debian-12', interface: 'eth0' });

describe('loadInventory', () => {
  it('names the file it cannot read', () => {
    expect(() => loadInventory(join(dir, 'missing.json'))).toThrow(`cannot read the inventory ${dir}/missing.json (ENOENT)`);
  });

  it('names the file that is not JSON', () => {
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(() => loadInventory(join(dir, 'broken.json'))).toThrow(`the inventory ${dir}/broken.json is not JSON`);
  });

  it('serves the README example', () => {
    const path = join(dir, 'inventory.json');
    const hosts = [host('lb1', '10.0.0.11', ['director']), host('lb2', '10.0.0.12', ['director']), host('web1', '10.0.0.21', ['web'])];
    writeFileSync(path, JSON.stringify({ environment: 'x', network: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' }, vip: '10.0.0.100', hosts }));
    expect(webHostNames(path)).toEqual(['web1']);
    expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(readFileSync(join(__dirname, 'examples/readme-example.ts'), 'utf8').trim());
  });
});
