import type { Inventory, InventoryHost } from '@hastack/inventory';
import { runOnHost } from '../status/host-shell';
import { parseIpvsTable } from '../status/ipvs-table';
import { whoAnswers } from '../status/site-probe';
import { VrrpAdvertWatch } from './vrrp-adverts';
import { waitFor } from './wait-for';

export function hostsWithRole(inventory: Inventory, role: InventoryHost['roles'][number]): InventoryHost[] {
  return inventory.hosts.filter((host) => host.roles.includes(role));
}

/**
 * SIGKILL for every keepalived process with no goodbye. They are frozen first: a child that outlives its
 * parent for a moment is told so (PR_SET_PDEATHSIG) and sends a priority-0 advert, a clean handover
 * rather than a failure, and a parent that outlives a child respawns it.
 */
export const KILL_KEEPALIVED_HARD = 'pkill -STOP -x keepalived; pkill -KILL -x keepalived';

/** The director whose NIC carries the VIP right now, if exactly one does. */
export async function currentVipHolder(inventory: Inventory): Promise<InventoryHost | undefined> {
  const directors = hostsWithRole(inventory, 'director');
  const owners = await Promise.all(
    directors.map(async (director) => {
      const result = await runOnHost(director, `ip -o -4 addr show dev ${director.interface}`);
      return result.stdout.includes(` ${inventory.vip}/`);
    }),
  );
  const holders = directors.filter((_, i) => owners[i]);
  return holders.length === 1 ? holders[0] : undefined;
}

/** Real servers in the IPVS table of the VIP holder. */
export async function poolMembers(director: InventoryHost): Promise<string[]> {
  const table = parseIpvsTable((await runOnHost(director, 'ipvsadm -Ln')).stdout);
  return table.filter((row) => row.weight > 0).map((row) => row.address.split(':')[0]);
}

/**
 * Fires `fault` on the VRRP master, then requests the site until one is answered while `served` holds;
 * returns the milliseconds from the master's last VRRP advert (the failure, to within one advert
 * interval) to that request.
 */
export async function timeUntilServed(
  inventory: Inventory,
  master: InventoryHost,
  fault: () => Promise<unknown>,
  served: () => Promise<boolean>,
  timeoutMs = 30000,
): Promise<number> {
  const adverts = await VrrpAdvertWatch.start(master);
  try {
    await fault();
    await waitFor(
      'a request served after the fault',
      async () => ((await whoAnswers(`http://${inventory.vip}/`, 500)) && (await served()) ? true : undefined),
      timeoutMs,
      20,
    );
    return Math.round(Date.now() - adverts.lastAdvert);
  } finally {
    adverts.stop();
  }
}
