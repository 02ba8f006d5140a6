import * as fs from 'node:fs';
import type { InventoryHost } from '@hastack/inventory';
import { labPaths } from '../paths';
import { isSiteHost, LabHost } from '../topology/topology';
import { LabLogin } from './inventory';

/**
 * How to log in to the stranger, the lab host on the site's segment that is no site host (see `isSiteHost`):
 * what `labSsh` takes, with the host key it checks.
 */
export type LabStranger = Pick<InventoryHost, 'name' | 'address' | 'port' | 'user' | 'privateKeyPath'> & { readonly hostKey: string };

/** The stranger among the lab's hosts, if the topology has one. */
export function buildStranger(hosts: readonly LabHost[], privateKey: string, hostKey: (host: LabHost) => string): LabStranger | undefined {
  const host = hosts.find((candidate) => !isSiteHost(candidate));
  return host && { name: host.name, address: host.address, ...LabLogin, privateKeyPath: privateKey, hostKey: hostKey(host) };
}

/** Written beside the inventory, once every host has booted; removed when the topology has no stranger. */
export function writeStranger(file: string, stranger: LabStranger | undefined): void {
  if (stranger) {
    fs.writeFileSync(file, `${JSON.stringify(stranger, null, 2)}\n`);
  } else {
    fs.rmSync(file, { force: true });
  }
}

export function readStranger(file: string): LabStranger | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as LabStranger) : undefined;
}

/** The running lab's stranger, for `labSsh`; throws when there is none. */
export function labStranger(file: string = labPaths().stranger): LabStranger {
  const stranger = readStranger(file);
  if (!stranger) {
    throw new Error(`no lab stranger at ${file}: run \`npm run lab:up\` with a topology that has one ("stranger": 1, the default)`);
  }
  return stranger;
}
