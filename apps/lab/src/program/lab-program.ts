import { readFileSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { DirectorPair, RealServerVip } from '@hastack/director';
import { defineHost, Host } from '@hastack/host';
import { WebServer } from '@hastack/web';
import type { HostRole, Inventory, InventoryHost } from '@hastack/inventory';

export interface LabOutputs {
  siteUrl: string;
  vip: string;
  preferredVipHolder: string;
  hosts: Record<string, string[]>;
}

function hostsWith(inventory: Inventory, hosts: Map<string, Host>, role: HostRole): { entry: InventoryHost; host: Host }[] {
  return inventory.hosts.filter((entry) => entry.roles.includes(role)).map((entry) => ({ entry, host: hosts.get(entry.name)! }));
}

/** The tiers the lab program composes; a stack may deploy a subset while a tier is developed. */
export const LabTiers = ['director', 'web', 'db', 'dfs'] as const;
export type LabTier = (typeof LabTiers)[number];

export interface LabOptions {
  /** Tiers to deploy (all). */
  tiers?: readonly LabTier[];
  /** VRRP advert interval of the directors (0.2 s: failover in well under a second). */
  advertIntervalSeconds?: number;
  /** Whether the first director takes the VIP back when it returns (true). */
  preempt?: boolean;
}

/**
 * The lab stack: each tier on the hosts holding its role. A new tier is a few lines here: its hosts by
 * role, its component, and what it needs from the others.
 */
export function labProgram(inventory: Inventory, options: LabOptions = {}): () => Promise<LabOutputs> {
  return async () => {
    const hosts = new Map(
      inventory.hosts.map((entry) => [
        entry.name,
        defineHost({
          name: entry.name,
          address: entry.address,
          port: entry.port,
          user: entry.user,
          os: entry.os,
          hostKey: entry.hostKey,
          privateKey: pulumi.secret(readFileSync(entry.privateKeyPath, 'utf8')),
        }),
      ]),
    );

    const tiers = new Set(options.tiers ?? LabTiers);
    const webHosts = hostsWith(inventory, hosts, 'web');
    const webServers = tiers.has('web')
      ? webHosts.map(({ host }) => {
          const vip = new RealServerVip(`${host.name}-real-server`, { host, vips: [inventory.vip] });
          return new WebServer(`${host.name}-web`, { host }, { dependsOn: vip });
        })
      : [];

    const [first, second] = hostsWith(inventory, hosts, 'director');
    if (tiers.has('director')) {
      if (!tiers.has('web')) throw new Error('the director tier balances the web tier: deploy them together');
      new DirectorPair('lvs', {
        directors: [
          { host: first.host, interface: first.entry.interface },
          { host: second.host, interface: second.entry.interface },
        ],
        vips: [inventory.vip],
        vipPrefixLength: Number(inventory.network.cidr.split('/')[1]),
        virtualRouterId: inventory.virtualRouterId,
        advertIntervalSeconds: options.advertIntervalSeconds ?? 0.2,
        preempt: options.preempt,
        services: [
          {
            port: webServers[0].port,
            scheduler: 'wrr',
            realServers: webServers.map((web, i) => ({ name: webHosts[i].entry.name, address: web.address, weight: webHosts[i].entry.weight })),
            healthCheck: { type: 'http', path: webServers[0].healthPath, intervalSeconds: 1, timeoutSeconds: 1, retries: 1, retryDelaySeconds: 0.5 },
          },
        ],
      });
    }

    return {
      siteUrl: `http://${inventory.vip}/`,
      vip: inventory.vip,
      preferredVipHolder: first.entry.name,
      hosts: Object.fromEntries(inventory.hosts.map((entry) => [entry.name, entry.roles])),
    };
  };
}
