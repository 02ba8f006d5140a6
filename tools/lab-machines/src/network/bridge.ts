import * as fs from 'node:fs';
import { run } from '../exec';
import { LabHost, LabNetwork } from '../topology/topology';

/** Tap names: `labtap-` and the last octet of the VM's address, within the kernel's 15 characters. */
export function tapName(host: LabHost): string {
  return `labtap-${host.address.split('.')[3]}`;
}

/** Fixed per host, so a VM keeps its MAC (and neighbours' ARP entries stay right) across restarts. */
export function vmMac(host: LabHost): string {
  return `52:54:00:12:00:${Number(host.address.split('.')[3]).toString(16).padStart(2, '0')}`;
}

export function linkExists(name: string): boolean {
  return fs.existsSync(`/sys/class/net/${name}`);
}

/** The machine's links the lab made: the bridge, the VMs' taps and nspawn's host ends of the containers' veths. */
export function labLinks(names: readonly string[]): string[] {
  return names.filter((name) => name === LabNetwork.bridge || name.startsWith('labtap-') || name.startsWith('vb-'));
}

export function machineLinks(): string[] {
  return fs.readdirSync('/sys/class/net');
}

/** The isolated bridge with the machine on it at the gateway address; no forwarding, no NAT. */
export async function ensureBridge(): Promise<void> {
  const bridge = LabNetwork.bridge;
  if (!linkExists(bridge)) {
    await run('ip', ['link', 'add', bridge, 'address', LabNetwork.bridgeMac, 'type', 'bridge']);
  }
  const addresses = await run('ip', ['-o', '-4', 'addr', 'show', 'dev', bridge]);
  if (!addresses.stdout.includes(` ${LabNetwork.gateway}/`)) {
    await run('ip', ['addr', 'add', `${LabNetwork.gateway}/${LabNetwork.prefixLength}`, 'dev', bridge]);
  }
  await run('ip', ['link', 'set', bridge, 'up']);
}

export async function ensureTap(name: string): Promise<void> {
  if (!linkExists(name)) {
    await run('ip', ['tuntap', 'add', 'dev', name, 'mode', 'tap']);
  }
  await run('ip', ['link', 'set', name, 'master', LabNetwork.bridge, 'up']);
}

export async function deleteLink(name: string): Promise<void> {
  if (linkExists(name)) {
    await run('ip', ['link', 'del', name]);
  }
}
