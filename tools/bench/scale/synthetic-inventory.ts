import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { HostRole, inventorySchema, siteDescriptionSchema } from '@hastack/inventory';

/** A site description as written in stack configuration: the fields the schema defaults may be left out. */
export type SiteDescriptionInput = z.input<typeof siteDescriptionSchema>;
/** The same as an inventory file, where each host names its key file. */
export type InventoryInput = z.input<typeof inventorySchema>;

export interface ThrowawayKey {
  privateKeyPath: string;
  privateKey: string;
  publicKey: string;
}

/**
 * A throwaway SSH key pair in `dir`: the private key every synthetic host is given (never used to log
 * in), and its public half, which stands in for each host's host key.
 */
export function throwawayKey(dir: string): ThrowawayKey {
  const privateKeyPath = join(dir, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hastack-bench', '-f', privateKeyPath]);
  const [type, key] = readFileSync(`${privateKeyPath}.pub`, 'utf8').split(' ');
  return { privateKeyPath, privateKey: readFileSync(privateKeyPath, 'utf8'), publicKey: `${type} ${key}` };
}

// 10.77.0.0/16 is never dialled: a preview contacts no host.
const NETWORK = { cidr: '10.77.0.0/16', gateway: '10.77.0.1' };

/**
 * 2 directors and `webHosts` web hosts on Debian 12, described as the lab describes its hosts. A full site
 * adds the hosts the other tiers need whatever its size: a database primary, and a MooseFS master with
 * two chunkservers for its 2 copies (every web host then mounts MooseFS too).
 */
export function syntheticSite(webHosts: number, key: ThrowawayKey, fullSite = false): SiteDescriptionInput {
  const host = (name: string, role: HostRole, address: string) => ({
    name,
    roles: [role],
    address,
    os: 'debian-12' as const,
    interface: 'eth0',
    hostKey: key.publicKey,
  });
  return {
    environment: `bench-${webHosts}`,
    network: NETWORK,
    vip: '10.77.0.100',
    hosts: [
      host('director1', 'director', '10.77.0.11'),
      host('director2', 'director', '10.77.0.12'),
      ...(fullSite
        ? [
            host('db1', 'db-primary', '10.77.0.31'),
            host('dfs-master', 'dfs-master', '10.77.0.41'),
            host('dfs-chunk1', 'dfs-chunkserver', '10.77.0.42'),
            host('dfs-chunk2', 'dfs-chunkserver', '10.77.0.43'),
          ]
        : []),
      ...Array.from({ length: webHosts }, (_, i) => host(`web${i + 1}`, 'web', `10.77.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`)),
    ],
  };
}

/** The site as an inventory file, for program revisions that read one (`HASTACK_INVENTORY`). */
export function asInventory(site: SiteDescriptionInput, key: ThrowawayKey): InventoryInput {
  return { ...site, hosts: site.hosts.map((host) => ({ ...host, privateKeyPath: key.privateKeyPath })) };
}
