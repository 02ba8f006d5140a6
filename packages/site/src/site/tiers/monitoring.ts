import type { HostRole } from '@hastack/inventory';
import { NrpeAgent } from '@hastack/monitoring';
import type { SiteContext, SiteHost } from '../site-context';

/**
 * NRPE on the monitoring host and on every host of the deployed tiers, answering the monitoring host
 * only. The tiers' own checks and the Nagios server come in later steps of issue 24.
 */
export function composeMonitoring(site: SiteContext, deployedRoles: readonly HostRole[]): NrpeAgent[] {
  const monitoring = site.hostsWith('monitoring');
  const monitoringAddresses = monitoring.map(({ entry }) => entry.address);
  const watched = new Map<string, SiteHost>();
  for (const role of deployedRoles) for (const siteHost of site.hostsWith(role)) watched.set(siteHost.entry.name, siteHost);
  return [...watched.values()].map(
    ({ entry, host }) => new NrpeAgent(`${host.name}-nrpe`, { host, listenAddress: entry.address, monitoringAddresses }, { parent: site.parent }),
  );
}
