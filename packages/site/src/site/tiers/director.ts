import type * as pulumi from '@pulumi/pulumi';
import { DirectorPair, type HealthCheckArgs } from '@hastack/director';
import type { WebServer } from '@hastack/web';
import type { SiteContext } from '../site-context';

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
export function composeDirectors(site: SiteContext, webServers: readonly WebServer[], options: DirectorTierOptions): DirectorPair {
  const [first, second] = site.hostsWith('director');
  const webHosts = site.hostsWith('web');
  const { description } = site;
  return new DirectorPair(
    'lvs',
    {
      directors: [
        { host: first.host, interface: first.entry.interface },
        { host: second.host, interface: second.entry.interface },
      ],
      vips: [description.vip],
      vipPrefixLength: Number(description.network.cidr.split('/')[1]),
      virtualRouterId: description.virtualRouterId,
      advertIntervalSeconds: options.advertIntervalSeconds,
      preempt: options.preempt,
      services: [
        {
          port: webServers[0].port,
          scheduler: 'wrr',
          realServers: webServers.map((web, i) => ({ name: webHosts[i].entry.name, address: web.address, weight: webHosts[i].entry.weight })),
          healthCheck: webHealthCheck(webServers[0].healthPath),
        },
      ],
    },
    { parent: site.parent },
  );
}
