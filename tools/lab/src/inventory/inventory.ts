import * as fs from 'node:fs';
import { z } from 'zod';
import { labPaths } from '../paths';
import { LabHost, LabNetwork, Roles } from '../topology/topology';

/** Port of the SMS sink on the machine's bridge address. */
export const SmsSinkPort = 8025;

const InventoryHostSchema = z
  .object({
    name: z.string(),
    roles: z.array(z.enum(Roles)).min(1),
    address: z.string(),
    port: z.number().int(),
    user: z.string(),
    privateKeyPath: z.string(),
    os: z.literal('debian-12'),
    interface: z.enum(['eth0', 'host0']),
    hostKey: z.string(),
  })
  .strict();

/** The file the lab stack consumes: what lab:up brought up and how to reach it. */
export const InventorySchema = z
  .object({
    environment: z.literal('lab'),
    network: z.object({ cidr: z.string(), gateway: z.string() }).strict(),
    vip: z.string(),
    smsGateway: z.object({ url: z.string(), recordsFile: z.string() }).strict(),
    hosts: z.array(InventoryHostSchema),
  })
  .strict();
export type Inventory = z.infer<typeof InventorySchema>;
export type InventoryHost = z.infer<typeof InventoryHostSchema>;

/**
 * `hostKey` is each host's SSH host key: the stack verifies it, and a host rebuilt by a later lab:up has
 * a new one, which tells the stack to apply everything to it again.
 */
export function buildInventory(
  hosts: readonly LabHost[],
  files: { readonly privateKey: string; readonly smsRecords: string },
  hostKey: (host: LabHost) => string,
): Inventory {
  return {
    environment: 'lab',
    network: { cidr: LabNetwork.cidr, gateway: LabNetwork.gateway },
    vip: LabNetwork.vip,
    smsGateway: { url: `http://${LabNetwork.gateway}:${SmsSinkPort}/sms`, recordsFile: files.smsRecords },
    hosts: hosts.map((host) => ({
      name: host.name,
      roles: [...host.roles],
      address: host.address,
      port: 22,
      user: 'root',
      privateKeyPath: files.privateKey,
      os: 'debian-12',
      interface: host.interface,
      hostKey: hostKey(host),
    })),
  };
}

export function writeInventory(file: string, inventory: Inventory): void {
  fs.writeFileSync(file, `${JSON.stringify(inventory, null, 2)}\n`);
}

/** The inventory of the running lab; throws, saying to run lab:up, when there is none. */
export function readInventory(file: string = labPaths().inventory): Inventory {
  if (!fs.existsSync(file)) {
    throw new Error(`no lab inventory at ${file}: run \`npm run lab:up\` first`);
  }
  return InventorySchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
