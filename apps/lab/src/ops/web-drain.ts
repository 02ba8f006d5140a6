import type { OpsLog } from '@hastack/host';
import type { Inventory } from '@hastack/inventory';
import { drainWebHost, undrainWebHost } from '@hastack/site';
import { drainFlagPath, HTTP_PORT } from '@hastack/web';
import { labOpsShell } from './ops-shell';

/** `ops web:drain HOST` / `ops web:undrain HOST` on the lab stack `stack`. */
export function labDrainArgs(inventory: Inventory, hostName: string, stack: string, log: OpsLog) {
  const web = inventory.hosts.find((host) => host.name === hostName);
  if (!web?.roles.includes('web')) {
    const webHosts = inventory.hosts.filter((host) => host.roles.includes('web')).map((host) => host.name);
    throw new Error(`"${hostName}" is not a web host of the lab (${webHosts.join(', ')})`);
  }
  return {
    web: labOpsShell(web),
    realServer: { address: web.address, port: HTTP_PORT },
    drainFlag: drainFlagPath(stack),
    directors: inventory.hosts.filter((host) => host.roles.includes('director')).map((host) => labOpsShell(host)),
    vip: inventory.vip,
    log,
  };
}

export async function drainLabWebHost(inventory: Inventory, hostName: string, stack: string, log: OpsLog) {
  return drainWebHost(labDrainArgs(inventory, hostName, stack, log));
}

export async function undrainLabWebHost(inventory: Inventory, hostName: string, stack: string, log: OpsLog) {
  return undrainWebHost(labDrainArgs(inventory, hostName, stack, log));
}
