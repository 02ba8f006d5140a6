import type * as auto from '@pulumi/pulumi/automation';
import { selectLabStack } from '../src/deploy/lab-stack';
import type { LabOptions } from '../src/program';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { loadLabInventory } from '../src/lab-inventory';
import { runOnHost } from '../src/status';

export const inventory: Inventory = loadLabInventory();

export function host(name: string): InventoryHost {
  const found = inventory.hosts.find((h) => h.name === name);
  if (!found) throw new Error(`no host "${name}" in the lab inventory`);
  return found;
}

/** Runs a command on a lab host and fails the test with its output if it exits non-zero. */
export async function sh(target: InventoryHost, command: string): Promise<string> {
  const result = await runOnHost(target, command);
  if (result.code !== 0) throw new Error(`${target.name}: \`${command}\` exited ${result.code}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Deploys the lab program for `deployed` (the lab inventory unless a test changes it). */
export async function deploy(deployed: Inventory = inventory, options: LabOptions = {}): Promise<auto.UpResult> {
  const stack = await selectLabStack(deployed, options);
  return stack.up();
}

/** sshd logins on a host so far; a deployment that changes nothing must not add any. */
export async function sshLogins(target: InventoryHost): Promise<number> {
  const out = await sh(target, "journalctl -q -u ssh -u sshd --no-pager -o cat | grep -c 'Accepted publickey' || true");
  return Number(out.trim());
}
