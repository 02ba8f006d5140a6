import type { Inventory, InventoryHost } from '@hastack/inventory';
import { labSsh, type SmsRecord } from '@hastack/lab-machines';
import { holdsVipTest, IpvsRealServer, parseIpvsTable } from '@hastack/director';
import { sampleSite } from './site-probe';
import { collectDfsStatus, DfsStatus, formatDfsStatus } from './dfs-status';
import { collectDbStatus, DbStatus, formatDbStatus } from './db-status';
import { collectWebStatus, formatWebStatus, WebHostStatus } from './web-status';
import { collectMonitoringStatus, collectNagiosStatus, formatMonitoringStatus, formatNagiosStatus, lastSms, NrpeHostStatus } from './monitoring-status';
import type { NagiosStatus } from '@hastack/monitoring';

export interface LabStatus {
  siteUrl: string;
  vipHolders: string[];
  unreachableDirectors: string[];
  realServers: (IpvsRealServer & { name: string })[];
  answeredBy: Record<string, number>;
  dfs?: DfsStatus;
  db?: DbStatus;
  web?: WebHostStatus[];
  monitoring?: NrpeHostStatus[];
  nagios?: NagiosStatus;
  lastSms?: SmsRecord;
}

export interface VipOwnership {
  /** Directors whose NIC carries the VIP: one normally, none when it is down, two in a split brain. */
  holders: InventoryHost[];
  /** Directors that could not be asked. */
  unreachable: InventoryHost[];
}

/** Asks every director at once whether it carries the VIP: the test exits 0 where it does, 1 where it does not. */
export async function vipOwnership(inventory: Inventory): Promise<VipOwnership> {
  const directors = inventory.hosts.filter((h) => h.roles.includes('director'));
  const answers = await Promise.all(directors.map((d) => labSsh(d, holdsVipTest(inventory.vip))));
  return {
    holders: directors.filter((_, i) => answers[i].code === 0),
    unreachable: directors.filter((_, i) => answers[i].code !== 0 && answers[i].code !== 1),
  };
}

/** Who holds the VIP, what IPVS on it balances, and who answers requests through it. */
export async function collectLabStatus(inventory: Inventory, requests = 20): Promise<LabStatus> {
  const { holders, unreachable } = await vipOwnership(inventory);
  const table = holders.length ? parseIpvsTable((await labSsh(holders[0], 'ipvsadm -Ln')).stdout) : [];
  const names = new Map(inventory.hosts.map((h) => [h.address, h.name]));
  const siteUrl = `http://${inventory.vip}/`;
  return {
    siteUrl,
    vipHolders: holders.map((d) => d.name),
    unreachableDirectors: unreachable.map((d) => d.name),
    realServers: table.map((row) => ({ ...row, name: names.get(row.address.split(':')[0]) ?? '?' })),
    answeredBy: await sampleSite(siteUrl, requests),
    dfs: await collectDfsStatus(inventory),
    db: await collectDbStatus(inventory),
    web: await collectWebStatus(inventory),
    monitoring: await collectMonitoringStatus(inventory),
    nagios: await collectNagiosStatus(inventory),
    lastSms: lastSms(inventory),
  };
}

export function formatLabStatus(status: LabStatus): string {
  const holder =
    status.vipHolders.length === 1
      ? status.vipHolders[0]
      : status.vipHolders.length === 0
        ? 'nobody (the VIP is down)'
        : `${status.vipHolders.join(' and ')} (split brain)`;
  const lines = [`site:        ${status.siteUrl}`, `VIP holder:  ${holder}`];
  if (status.unreachableDirectors.length) lines.push(`unreachable: ${status.unreachableDirectors.join(', ')}`);
  lines.push('real servers in the pool (IPVS on the VIP holder):');
  if (status.realServers.length === 0) lines.push('  none');
  for (const row of status.realServers) {
    lines.push(`  ${row.name.padEnd(10)} ${row.address.padEnd(18)} weight ${row.weight}  ${row.forward}  active ${row.activeConnections}`);
  }
  const total = Object.values(status.answeredBy).reduce((a, b) => a + b, 0);
  const answers = Object.entries(status.answeredBy)
    .sort()
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  lines.push(`answers to ${total} requests through the VIP: ${answers}`);
  if (status.dfs) lines.push(...formatDfsStatus(status.dfs));
  if (status.db) lines.push(...formatDbStatus(status.db));
  if (status.web) lines.push(...formatWebStatus(status.web));
  if (status.monitoring) lines.push(...formatMonitoringStatus(status.monitoring));
  if (status.nagios) lines.push(...formatNagiosStatus(status.nagios, status.lastSms));
  return lines.join('\n');
}
