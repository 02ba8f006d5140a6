import type { Inventory } from '@hastack/inventory';
import { runOnHost } from './host-shell';

export interface NrpeHostStatus {
  name: string;
  /** systemctl's word for the agent ("active", "inactive", ...), or "unreachable". */
  state: string;
  /** The drop-in's allowed_hosts, when the stack wrote one. */
  allowedHosts?: string;
}

/** Each host's NRPE agent; undefined when no host has the monitoring tier's drop-in (tier not deployed). */
export async function collectMonitoringStatus(inventory: Inventory): Promise<NrpeHostStatus[] | undefined> {
  const hosts = await Promise.all(
    inventory.hosts.map(async (host) => {
      const answer = await runOnHost(host, "systemctl is-active nagios-nrpe-server; sed -n 's/^allowed_hosts=//p' /etc/nagios/nrpe.d/hastack.cfg 2>/dev/null || true");
      const [state, allowedHosts] = answer.stdout.trim().split('\n');
      return { name: host.name, state: answer.stdout.trim() ? state : 'unreachable', allowedHosts: allowedHosts || undefined };
    }),
  );
  return hosts.some((host) => host.allowedHosts) ? hosts : undefined;
}

export function formatMonitoringStatus(hosts: NrpeHostStatus[]): string[] {
  const active = hosts.filter((host) => host.state === 'active' && host.allowedHosts);
  const lines = [`Monitoring: NRPE active on ${active.length}/${hosts.length} hosts, answering ${[...new Set(active.map((h) => h.allowedHosts))].join(' / ') || '-'}`];
  for (const host of hosts.filter((h) => !active.includes(h))) lines.push(`  ${host.name.padEnd(12)} NRPE ${host.allowedHosts || host.state === 'unreachable' ? host.state : 'not deployed'}`);
  return lines;
}
