import type { HostRole, SiteDescription } from '@hastack/inventory';
import type { HostRename } from './plan-problems';

/** One host as a deployment left it: what the next deployment's plan is compared with. */
export interface LayoutHost {
  name: string;
  address: string;
  roles: HostRole[];
  /** The name its files and units carry (`Host.originalName`), when it was renamed since they were written. */
  originalName?: string;
}

/** The hosts and roles a deployment put in place, kept in the stack's outputs (`siteLayout`). */
export interface SiteLayout {
  hosts: LayoutHost[];
}

/** The name of the stack output that holds the `SiteLayout`. */
export const SITE_LAYOUT_OUTPUT = 'siteLayout';

/**
 * The layout of `description`. A host that was deployed before, under its name or under the one it was
 * renamed from, keeps the original name its files and units carry, through any number of renames.
 */
export function siteLayout(description: SiteDescription, previous?: SiteLayout, renames: readonly HostRename[] = []): SiteLayout {
  const formerNames = new Map(renames.map((rename) => [rename.to, rename.from]));
  const deployed = new Map(previous?.hosts.map((host) => [host.name, host]));
  return {
    hosts: description.hosts.map(({ name, address, roles }) => {
      const before = deployed.get(formerNames.get(name) ?? name);
      const originalName = before ? (before.originalName ?? before.name) : name;
      return { name, address, roles: [...roles], ...(originalName === name ? {} : { originalName }) };
    }),
  };
}
