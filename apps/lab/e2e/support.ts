import type * as auto from '@pulumi/pulumi/automation';
import { selectLabStack } from '../src/deploy/lab-stack';
import type { LabOptions } from '../src/program';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { loadLabInventory } from '../src/lab-inventory';
import { runOnHostOrThrow } from '../src/status';

export const inventory: Inventory = loadLabInventory();

/** Runs a command on a lab host and fails the test with its output if it exits non-zero. */
export const sh = runOnHostOrThrow;

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
