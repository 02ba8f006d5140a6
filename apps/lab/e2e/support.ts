import type * as auto from '@pulumi/pulumi/automation';
import { LAB_STACK, selectLabStack } from '../src/deploy/lab-stack';
import type { LabOptions } from '../src/program';
import type { SiteTier } from '@hastack/site';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { labSshOrThrow, readInventory } from '@hastack/lab-machines';

export const inventory: Inventory = readInventory();

/** Runs a command on a lab host and fails the test with its output if it exits non-zero. */
export const sh = labSshOrThrow;

/**
 * The stack the proofs run against: the lab stack, or while one tier is worked on, a stack of that tier
 * alone (`HASTACK_E2E_STACK=dev-db HASTACK_E2E_TIERS=db`, deployed with `main.ts deploy --stack --tiers`).
 */
export const e2eStack = {
  name: process.env.HASTACK_E2E_STACK ?? LAB_STACK,
  tiers: process.env.HASTACK_E2E_TIERS?.split(',') as SiteTier[] | undefined,
};

/** Deploys the lab program for `deployed` (the lab inventory unless a test changes it). */
export async function deploy(deployed: Inventory = inventory, options: LabOptions = {}): Promise<auto.UpResult> {
  const stack = await selectLabStack(deployed, { tiers: e2eStack.tiers, ...options }, e2eStack.name);
  return stack.up();
}

/** sshd logins on a host so far; a deployment that changes nothing must not add any. */
export async function sshLogins(target: InventoryHost): Promise<number> {
  const out = await sh(target, "journalctl -q -u ssh -u sshd --no-pager -o cat | grep -c 'Accepted publickey' || true");
  return Number(out.trim());
}
