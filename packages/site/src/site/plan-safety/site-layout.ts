import type { HostRole, SiteDescription } from '@hastack/inventory';

/** One host as a deployment left it: what the next deployment's plan is compared with. */
export interface LayoutHost {
  name: string;
  address: string;
  roles: HostRole[];
}

/** The hosts and roles a deployment put in place, kept in the stack's outputs (`siteLayout`). */
export interface SiteLayout {
  hosts: LayoutHost[];
}

/** The name of the stack output that holds the `SiteLayout`. */
export const SITE_LAYOUT_OUTPUT = 'siteLayout';

export function siteLayout(description: SiteDescription): SiteLayout {
  return { hosts: description.hosts.map(({ name, address, roles }) => ({ name, address, roles: [...roles] })) };
}
