import type { Inventory, InventoryHost } from '@hastack/inventory';
import { runOnHost } from '../status/host-shell';
import { parseIpvsTable } from '../status/ipvs-table';
import { whoAnswers } from '../status/site-probe';
import { waitFor } from './wait-for';

export function hostsWithRole(inventory: Inventory, role: InventoryHost['roles'][number]): InventoryHost[] {
  return inventory.hosts.filter((host) => host.roles.includes(role));
}

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
 * Fires `fault`, then requests the site until one is answered while `served` holds; returns the
 * milliseconds from the fault to that request. The clock starts when the fault command returns: it
 * acts a moment before that, but after the SSH handshake to the host, which takes far longer.
 */
export async function timeUntilServed(
  inventory: Inventory,
  fault: () => Promise<unknown>,
  served: () => Promise<boolean>,
  timeoutMs = 30000,
): Promise<number> {
  await fault();
  const started = Date.now();
  await waitFor(
    'a request served after the fault',
    async () => ((await whoAnswers(`http://${inventory.vip}/`, 500)) && (await served()) ? true : undefined),
    timeoutMs,
    50,
  );
  return Date.now() - started;
}
