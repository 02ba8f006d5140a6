import { shellQuote } from '@hastack/host';
import type { Host } from '@hastack/host';

/**
 * Something the monitoring tier should check about the directors: a bash command run on the host
 * (exit 0 OK, 1 WARNING, 2 CRITICAL, one line of text). Same shape as the db and dfs tiers' lists.
 */
export interface TierCheck {
  /** Inventory name of the director. */
  host: string;
  /** Short name, unique per host. */
  name: string;
  /** One-line bash command. */
  command: string;
  runsOn: 'host';
}

/**
 * Per director: keepalived running, and the VIPs it holds (none or all: a director holding some of
 * them only has a broken VRRP instance). Whether exactly one director holds them is the monitoring
 * server's aggregate of the two "vip" results.
 */
export function directorChecks(director: Host, vips: readonly string[]): TierCheck[] {
  const unit = director.profile.services.keepalived;
  const holds = vips.map((vip) => `ip -o -4 addr show | grep -qF ${shellQuote(` ${vip}/`)} && n=$((n+1))`).join('; ');
  return [
    {
      host: director.name,
      name: 'keepalived',
      command: `systemctl is-active --quiet ${shellQuote(unit)} && echo 'OK: keepalived running' || { echo 'CRITICAL: keepalived not running'; exit 2; }`,
      runsOn: 'host',
    },
    {
      host: director.name,
      name: 'vip',
      command: `n=0; ${holds}; if [ "$n" -eq ${vips.length} ]; then echo "OK: holds the VIPs (MASTER)"; elif [ "$n" -eq 0 ]; then echo "OK: holds no VIP (BACKUP)"; else echo "CRITICAL: holds $n of ${vips.length} VIPs"; exit 2; fi`,
      runsOn: 'host',
    },
  ];
}
