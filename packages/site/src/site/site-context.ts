import type * as pulumi from '@pulumi/pulumi';
import type { Host } from '@hastack/host';
import type { HostRole, SiteDescription, SiteDescriptionHost } from '@hastack/inventory';

/** A host of the description with its connection, as a tier composer receives it. */
export interface SiteHost {
  readonly entry: SiteDescriptionHost;
  readonly host: Host;
}

/**
 * The site's addresses as every tier uses them, derived from the description once: the directors hold
 * the VIPs, the real servers carry them on `lo`, monitoring watches them.
 */
export interface SiteNetwork {
  readonly vips: readonly string[];
  /** The VIPs' prefix on the directors' NIC: the segment's. */
  readonly vipPrefixLength: number;
  /** The directors' VRRP router id. */
  readonly virtualRouterId: number;
}

/** What every tier composer gets: the description, what derives from it, its hosts by role, and the parent of what it makes. */
export interface SiteContext {
  readonly description: SiteDescription;
  readonly network: SiteNetwork;
  readonly parent: pulumi.Resource;
  hostsWith(role: HostRole): SiteHost[];
}

/** The network values of a validated description. */
export function siteNetwork(description: SiteDescription): SiteNetwork {
  return {
    vips: [description.vip],
    vipPrefixLength: Number(description.network.cidr.split('/')[1]),
    virtualRouterId: description.virtualRouterId,
  };
}
