import type { Inventory, InventoryHost } from '@hastack/inventory';
import { runOnHost } from './host-shell';
import { IpvsRealServer, parseIpvsTable } from './ipvs-table';
import { sampleSite } from './site-probe';

export interface LabStatus {
  siteUrl: string;
  vipHolders: string[];
  unreachableDirectors: string[];
  realServers: (IpvsRealServer & { name: string })[];
  answeredBy: Record<string, number>;
}

async function holdsVip(director: InventoryHost, vip: string): Promise<boolean | undefined> {
  const result = await runOnHost(director, `ip -o -4 addr show dev ${director.interface}`);
  if (result.code !== 0) return undefined;
  return result.stdout.includes(` ${vip}/`);
}

/** Who holds the VIP, what IPVS on it balances, and who answers requests through it. */
export async function collectLabStatus(inventory: Inventory, requests = 20): Promise<LabStatus> {
  const directors = inventory.hosts.filter((h) => h.roles.includes('director'));
  const holding = await Promise.all(directors.map((d) => holdsVip(d, inventory.vip)));
  const vipHolders = directors.filter((_, i) => holding[i]).map((d) => d.name);
  const unreachableDirectors = directors.filter((_, i) => holding[i] === undefined).map((d) => d.name);
  const holder = directors.find((d) => d.name === vipHolders[0]);
  const table = holder ? parseIpvsTable((await runOnHost(holder, 'ipvsadm -Ln')).stdout) : [];
  const names = new Map(inventory.hosts.map((h) => [h.address, h.name]));
  const siteUrl = `http://${inventory.vip}/`;
  return {
    siteUrl,
    vipHolders,
    unreachableDirectors,
    realServers: table.map((row) => ({ ...row, name: names.get(row.address.split(':')[0]) ?? '?' })),
    answeredBy: await sampleSite(siteUrl, requests),
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
  return lines.join('\n');
}
