import { shellQuote } from '@hastack/host';

/**
 * A shell test that succeeds on the host that carries the VIP on one of its interfaces (the VRRP
 * MASTER) and fails elsewhere. A real server has the VIP on `lo` as a /32 too: ask directors only.
 */
export function holdsVipTest(vip: string): string {
  return `ip -o -4 addr show | grep -qF ${shellQuote(` ${vip}/`)}`;
}
