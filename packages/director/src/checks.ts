import { shellQuote, unitCheck } from '@hastack/host';
import type { CheckRef, Host, TierCheck } from '@hastack/host';
import { holdsVipTest } from './vip-holder';

export type { TierCheck } from '@hastack/host';

/** A VIP's service as the kernel lists it in /proc/net/ip_vs: `TCP  C6120064:0050`, address and port in hex. */
export function ipvsServiceKey(vip: string, port: number): string {
  const hex = (value: number, digits: number) => value.toString(16).toUpperCase().padStart(digits, '0');
  return `TCP ${vip
    .split('.')
    .map((octet) => hex(Number(octet), 2))
    .join('')}:${hex(port, 4)}`;
}

/**
 * Per director: keepalived running; the VIPs it holds (none or all: a director holding some of them
 * only has a broken VRRP instance); and per VIP, the real servers in its IPVS pool against the declared
 * ones (keepalived takes a failed one out: fewer is a WARNING, none CRITICAL; `explainedBy`, the real
 * servers' own checks, explain it and page instead). The pool is read from
 * /proc/net/ip_vs, which the unprivileged agent may read (ipvsadm needs root). Whether exactly one
 * director holds the VIPs is the monitoring server's aggregate of the "vip" results.
 */
export function directorChecks(
  director: Host,
  vips: readonly string[],
  pool: { port: number; realServers: number; explainedBy?: readonly CheckRef[] },
): TierCheck[] {
  const holds = vips.map((vip) => `${holdsVipTest(vip)} && n=$((n+1))`).join('; ');
  const poolChecks = vips.map((vip): TierCheck => ({
    host: director.name,
    name: vips.length === 1 ? 'ipvs' : `ipvs-${vip}`,
    command: [
      `live=$(awk -v key=${shellQuote(ipvsServiceKey(vip, pool.port))} '/^(TCP|UDP) / {inside = ($1 " " $2 == key)} inside && $1 == "->" && $4 > 0 {n++} END {print n + 0}' /proc/net/ip_vs)`,
      `if [ "$live" -ge ${pool.realServers} ]; then echo "OK: $live of ${pool.realServers} real servers in the pool of ${vip}"`,
      `elif [ "$live" -gt 0 ]; then echo "WARNING: $live of ${pool.realServers} real servers in the pool of ${vip}"; exit 1`,
      `else echo "CRITICAL: no real server in the pool of ${vip}"; exit 2; fi`,
    ].join('; '),
    runsOn: 'host',
    ...(pool.explainedBy?.length ? { dependsOn: pool.explainedBy } : {}),
  }));
  return [
    { host: director.name, name: 'keepalived', command: unitCheck(director.profile.services.keepalived), runsOn: 'host' },
    {
      host: director.name,
      name: 'vip',
      command: `n=0; ${holds}; if [ "$n" -eq ${vips.length} ]; then echo "OK: holds the VIPs (MASTER)"; elif [ "$n" -eq 0 ]; then echo "OK: holds no VIP (BACKUP)"; else echo "CRITICAL: holds $n of ${vips.length} VIPs"; exit 2; fi`,
      runsOn: 'host',
    },
    ...poolChecks,
  ];
}
