import * as pulumi from '@pulumi/pulumi';
import { UserError } from '@hastack/host';
import { DirectorPair, type HealthCheckArgs } from '@hastack/director';
import type { SiteContext } from '../site-context';
import type { WebNode } from './web';

export interface DirectorTierOptions {
  /** Seconds between VRRP adverts (1). */
  advertIntervalSeconds?: number;
  /** Whether the first director takes the VIP back when it returns (true). */
  preempt?: boolean;
}

/**
 * The directors' check of a web host's health URL. 3 s for an answer: during a database promotion pages
 * slowed, the hosts' Apache took over 1 s to answer the check, and both hosts left the pool by turns (12
 * refused requests of 1712 in e2e 89, none with 3 s). A stopped Apache refuses at once and still leaves the
 * pool within 2 s.
 */
export function webHealthCheck(path: pulumi.Input<string>): HealthCheckArgs {
  return { type: 'http', path, intervalSeconds: 1, timeoutSeconds: 3, retries: 1, retryDelaySeconds: 0.5 };
}

/** The two `director` hosts in front of the web servers: port, addresses and health path from the web tier. */
export function composeDirectors(site: SiteContext, webNodes: readonly WebNode[], options: DirectorTierOptions): DirectorPair {
  const { network } = site;
  const [first, second] = site.hostsWith('director');
  const [aWebNode] = webNodes;
  if (aWebNode === undefined) throw new UserError('the director tier balances the web tier: deploy them together');
  const aWebServer = aWebNode.server;
  return new DirectorPair(
    'lvs',
    {
      // The description's checks hold a site to two directors.
      directors: [
        { host: first.host, interface: first.entry.interface },
        { host: second.host, interface: second.entry.interface },
      ],
      vips: [...network.vips],
      vipPrefixLength: network.vipPrefixLength,
      virtualRouterId: network.virtualRouterId,
      advertIntervalSeconds: options.advertIntervalSeconds,
      preempt: options.preempt,
      services: [
        {
          port: aWebServer.port,
          scheduler: 'wrr',
          realServers: webNodes.map(({ entry, server }) => ({ name: entry.name, address: server.address, weight: entry.weight })),
          healthCheck: webHealthCheck(aWebServer.healthPath),
        },
      ],
    },
    { parent: site.parent },
  );
}
