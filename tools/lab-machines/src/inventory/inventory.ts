import * as fs from 'node:fs';
import { Inventory, loadInventory } from '@hastack/inventory';
import { labPaths } from '../paths';
import { isSiteHost, LabHost, LabNetwork } from '../topology/topology';

/** Port of the SMS sink on the machine's bridge address. */
export const SmsSinkPort = 8025;

/** How the lab logs in to every host, the stranger included. */
export const LabLogin = { port: 22, user: 'root' } as const;

/**
 * The site's hosts only: the stranger is left out, or the site would configure it. `hostKey` is each host's
 * SSH host key: the stack verifies it, and a host rebuilt by a later lab:up has a new one, which tells the
 * stack to apply everything to it again.
 */
export function buildInventory(
  hosts: readonly LabHost[],
  files: { readonly privateKey: string; readonly smsRecords: string },
  hostKey: (host: LabHost) => string,
): Inventory {
  return {
    environment: 'lab',
    // This machine deploys and runs the tests: the only source the hosts' firewalls let reach SSH.
    network: { cidr: LabNetwork.cidr, gateway: LabNetwork.gateway, admin: [LabNetwork.gateway] },
    vip: LabNetwork.vip,
    virtualRouterId: LabNetwork.virtualRouterId,
    smsGateway: { url: `http://${LabNetwork.gateway}:${SmsSinkPort}/sms`, recordsFile: files.smsRecords },
    hosts: hosts.filter(isSiteHost).map((host) => ({
      name: host.name,
      roles: [...host.roles],
      address: host.address,
      ...LabLogin,
      privateKeyPath: files.privateKey,
      os: 'debian-12',
      interface: host.interface,
      hostKey: hostKey(host),
      weight: 1,
    })),
  };
}

export function writeInventory(file: string, inventory: Inventory): void {
  fs.writeFileSync(file, `${JSON.stringify(inventory, null, 2)}\n`);
}

/**
 * The inventory the lab's users read: the one lab:up wrote, unless `HASTACK_INVENTORY` names another (a
 * bench's synthetic site, a copy a test changes).
 */
export function labInventoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HASTACK_INVENTORY ?? labPaths(env).inventory;
}

/** The inventory of the running lab, with every check the stack makes; throws, saying to run lab:up, when there is none. */
export function readInventory(file: string = labInventoryPath()): Inventory {
  if (!fs.existsSync(file)) {
    throw new Error(`no lab inventory at ${file}: run \`npm run lab:up\` first`);
  }
  return loadInventory(file);
}
