import type { Inventory } from '@hastack/inventory';
import { osProfile } from '@hastack/host';
import { countStates, parseNagiosStatus, type NagiosStatus } from '@hastack/monitoring';
import { readSmsRecords, type SmsRecord } from '@hastack/lab-machines';
import { labSsh } from '@hastack/lab-machines';

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
      const answer = await labSsh(
        host,
        "systemctl is-active nagios-nrpe-server; sed -n 's/^allowed_hosts=//p' /etc/nagios/nrpe.d/hastack.cfg 2>/dev/null || true",
      );
      const [state, allowedHosts] = answer.stdout.trim().split('\n');
      return { name: host.name, state: answer.stdout.trim() ? state : 'unreachable', allowedHosts: allowedHosts || undefined };
    }),
  );
  return hosts.some((host) => host.allowedHosts) ? hosts : undefined;
}

export function formatMonitoringStatus(hosts: NrpeHostStatus[]): string[] {
  const active = hosts.filter((host) => host.state === 'active' && host.allowedHosts);
  const lines = [
    `Monitoring: NRPE active on ${active.length}/${hosts.length} hosts, answering ${[...new Set(active.map((h) => h.allowedHosts))].join(' / ') || '-'}`,
  ];
  for (const host of hosts.filter((h) => !active.includes(h)))
    lines.push(`  ${host.name.padEnd(12)} NRPE ${host.allowedHosts || host.state === 'unreachable' ? host.state : 'not deployed'}`);
  return lines;
}

/** Nagios's status data on the lab's monitoring host (its OS is Debian 12); undefined before Nagios runs. */
export async function collectNagiosStatus(inventory: Inventory): Promise<NagiosStatus | undefined> {
  const monitoring = inventory.hosts.find((host) => host.roles.includes('monitoring'));
  if (monitoring === undefined) return undefined;
  const answer = await labSsh(monitoring, `cat ${osProfile(monitoring.os).paths.nagiosVarDir}/status.dat 2>/dev/null || true`);
  const status = parseNagiosStatus(answer.stdout);
  return status.hosts.length ? status : undefined;
}

/** The last SMS the lab's sink received, accepted or not. */
export function lastSms(inventory: Inventory): SmsRecord | undefined {
  return readSmsRecords(inventory)
    .filter((record) => record.kind === 'sms')
    .at(-1);
}

export function formatNagiosStatus(status: NagiosStatus, sms: SmsRecord | undefined): string[] {
  const counts = (entries: NagiosStatus['hosts']) =>
    Object.entries(countStates(entries))
      .map(([state, count]) => `${count} ${state}`)
      .join(', ');
  const lines = [`Nagios:      hosts ${counts(status.hosts)}; services ${counts(status.services)}`];
  for (const entry of [...status.hosts, ...status.services].filter((e) => !['UP', 'OK', 'PENDING'].includes(e.state)))
    lines.push(`  ${`${entry.host}${entry.service ? `/${entry.service}` : ''}`.padEnd(32)} ${entry.state}${entry.hard ? '' : ' (soft)'}: ${entry.output}`);
  lines.push(
    sms
      ? `last SMS:    ${sms.receivedAt} ${sms.provider} to ${sms.recipients?.join(',')}${sms.accepted ? '' : ` refused (${sms.errorCode})`}: ${sms.text}`
      : 'last SMS:    none',
  );
  return lines;
}
