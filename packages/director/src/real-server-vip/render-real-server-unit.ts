import { isIpv4, shellQuote } from '@hastack/host';

export const REAL_SERVER_UNIT = 'hastack-lvs-real.service';

/** The sysctls DR needs on a real server: never answer ARP for the VIP on lo, never announce it. */
export const realServerArpSettings = {
  'net.ipv4.conf.lo.arp_ignore': 1,
  'net.ipv4.conf.lo.arp_announce': 2,
  'net.ipv4.conf.all.arp_ignore': 1,
  'net.ipv4.conf.all.arp_announce': 2,
} as const;

/**
 * The article's `lvs_real start|stop` as a systemd unit: the VIPs as /32 on lo, so the real server accepts
 * packets the director forwards to its MAC and answers clients directly. Ordered before the web server so
 * the address exists when it binds. Each VIP must be IPv4 (`validateRealServerVipArgs`); anything else is
 * refused here too, as it would break the unit's command lines.
 */
export function renderRealServerUnit(vips: readonly string[]): string {
  for (const vip of vips) if (!isIpv4(vip)) throw new Error(`RealServerVip: "${vip}" is not an IPv4 address`);
  return [
    "# Rendered by hastack (director tier): the LVS-DR real-server VIP (the article's lvs_real script).",
    '[Unit]',
    'Description=LVS direct-routing VIP on lo',
    'After=network-pre.target systemd-sysctl.service',
    'Before=network.target apache2.service httpd.service',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    ...vips.map((vip) => `ExecStart=/sbin/ip addr replace ${vip}/32 dev lo scope host`),
    ...vips.map((vip) => `ExecStop=-/sbin/ip addr del ${vip}/32 dev lo`),
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** Drift probe lines for the unit's service: a line for each VIP no longer on lo (`ip addr del` by hand). */
export function vipsOnLoProbe(vips: readonly string[]): string[] {
  return vips.map((vip) => `ip -4 -o addr show dev lo | grep -qF ${shellQuote(` ${vip}/32 `)} || echo ${shellQuote(`VIP ${vip}: not on lo`)}`);
}
