import type * as pulumi from '@pulumi/pulumi';
import type { Host } from '@hastack/host';
import type { HostRole, SiteDescription, SiteDescriptionHost } from '@hastack/inventory';

/** A host of the description with its connection, as a tier composer receives it. */
export interface SiteHost {
  readonly entry: SiteDescriptionHost;
  readonly host: Host;
}

/** What every tier composer gets: the description, its hosts by role, and the parent of what it makes. */
export interface SiteContext {
  readonly description: SiteDescription;
  readonly parent: pulumi.Resource;
  hostsWith(role: HostRole): SiteHost[];
}
