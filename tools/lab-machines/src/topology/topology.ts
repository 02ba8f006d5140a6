import * as fs from 'node:fs';
import { z } from 'zod';
import type { HostRole } from '@hastack/inventory';

/** How many hosts of each kind the lab runs; `tools/lab-machines/topology.json` holds the default. */
export const TopologySchema = z
  .object({
    directors: z.number().int().min(0).max(9),
    web: z.number().int().min(0).max(9),
    databases: z.number().int().min(0).max(9),
    dfsMaster: z.number().int().min(0).max(1),
    chunkservers: z.number().int().min(0).max(8),
    monitoring: z.number().int().min(0).max(1),
    /** The stranger (see planHosts); a topology written before it existed gets one, as the site's lock-down proofs need it. */
    stranger: z.number().int().min(0).max(1).default(1),
  })
  .strict();
export type Topology = z.infer<typeof TopologySchema>;

export type Role = HostRole;

export const LabNetwork = {
  cidr: '198.18.0.0/24',
  prefixLength: 24,
  gateway: '198.18.0.1',
  vip: '198.18.0.100',
  /** The directors' VRRP router id, unique on the bridge. */
  virtualRouterId: 51,
  bridge: 'labbr0',
  /** Fixed, so the bridge does not take over a port's address as ports come and go. */
  bridgeMac: '02:1a:b0:00:00:01',
} as const;

/** A host to run: the directors are qemu VMs (the machine's kernel has no ip_vs), the rest nspawn containers. */
export interface LabHost {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly address: string;
  readonly kind: 'vm' | 'container';
  /** The host's NIC on the bridge. */
  readonly interface: 'eth0' | 'host0';
}

export function parseTopology(json: unknown, source: string): Topology {
  const parsed = TopologySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new Error(`invalid topology ${source}:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

export function readTopology(file: string): Topology {
  return parseTopology(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}

function address(lastOctet: number): string {
  return `198.18.0.${lastOctet}`;
}

/**
 * Whether the host belongs to the site, and so to the inventory. The stranger has no role: it sits on the
 * site's segment without being a site host, so that proofs can attack the site from there (port scans,
 * forged VRRP adverts); were it in the inventory, the site would configure it and let it in.
 */
export function isSiteHost(host: LabHost): boolean {
  return host.roles.length > 0;
}

/**
 * Names and addresses follow the tiers: directors .11+, web .21+, databases .31+, the MooseFS master .41 and
 * its chunkservers .42+, monitoring .51, and the stranger at .250, far from them. The first database is the
 * primary, the first chunkserver also runs the metalogger.
 */
export function planHosts(topology: Topology): LabHost[] {
  const container = (name: string, roles: Role[], lastOctet: number): LabHost => ({
    name,
    roles,
    address: address(lastOctet),
    kind: 'container',
    interface: 'host0',
  });
  const numbered = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  return [
    ...numbered(topology.directors).map((n): LabHost => ({
      name: `director${n}`,
      roles: ['director'],
      address: address(10 + n),
      kind: 'vm',
      interface: 'eth0',
    })),
    ...numbered(topology.web).map((n) => container(`web${n}`, ['web'], 20 + n)),
    ...numbered(topology.databases).map((n) => container(`db${n}`, [n === 1 ? 'db-primary' : 'db-replica'], 30 + n)),
    ...numbered(topology.dfsMaster).map(() => container('dfs-master', ['dfs-master'], 41)),
    ...numbered(topology.chunkservers).map((n) => container(`dfs-chunk${n}`, n === 1 ? ['dfs-chunkserver', 'dfs-metalogger'] : ['dfs-chunkserver'], 41 + n)),
    ...numbered(topology.monitoring).map(() => container('monitoring', ['monitoring'], 51)),
    ...numbered(topology.stranger).map(() => container('stranger', [], 250)),
  ];
}
