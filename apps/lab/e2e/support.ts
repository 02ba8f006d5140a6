import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as auto from '@pulumi/pulumi/automation';
import { LAB_STACK, selectLabStack } from '../src/deploy/lab-stack';
import type { LabOptions } from '../src/program';
import type { SiteTier } from '@hastack/site';
import type { FailoverTimes } from '@hastack/director';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { labSshOrThrow, readInventory } from '@hastack/lab-machines';
import type { NagiosWebLogin } from '../src/probes/nagios-web';

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

/**
 * Deploys the lab program for `deployed` (the lab inventory unless a test changes it); `replacing` names
 * resources to replace whatever changed (`pulumi up --replace`), by the end of their URN.
 */
export async function deploy(deployed: Inventory = inventory, options: LabOptions = {}, replacing: string[] = []): Promise<auto.UpResult> {
  const stack = await selectLabStack(deployed, { tiers: e2eStack.tiers, ...options }, e2eStack.name);
  if (!replacing.length) return stack.up();
  const urns = (await stack.exportStack()).deployment.resources.map((resource: { urn: string }) => resource.urn);
  const replace = replacing.map((name) => {
    const urn = urns.find((candidate: string) => candidate.endsWith(`::${name}`));
    if (!urn) throw new Error(`no resource ${name} in the stack ${e2eStack.name}`);
    return urn;
  });
  return stack.up({ replace });
}

/** The outputs of the stack the proofs run against, as its last deployment left them. */
export async function stackOutputs(): Promise<auto.OutputMap> {
  return (await selectLabStack(inventory, { tiers: e2eStack.tiers }, e2eStack.name)).outputs();
}

/** The Nagios web interface's URL, user and password, from the stack's outputs (the password a secret one). */
export async function nagiosWebLogin(): Promise<NagiosWebLogin> {
  const login = (await stackOutputs()).nagiosWeb?.value as NagiosWebLogin | undefined;
  if (!login) throw new Error('the stack has no nagiosWeb output: the description names no admin network');
  return login;
}

/** The times the directors' settings promise, from the stack's outputs. */
export async function failoverTimes(): Promise<FailoverTimes> {
  const times = (await stackOutputs()).failoverTimes?.value as FailoverTimes | undefined;
  if (!times) throw new Error('the stack has no failoverTimes output: it deploys no director tier');
  return times;
}

/** Where a proof saves a screenshot: the lab's own folder, which the run leaves in place. */
export function screenshotPath(file: string): string {
  const dir = join(__dirname, '../../../.lab/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, file);
}

/** The updates and destroys of the stack the proofs run against, newest first: all of them (the CLI's default page holds 10). */
export async function labStackHistory(): Promise<auto.UpdateSummary[]> {
  return (await selectLabStack(inventory, { tiers: e2eStack.tiers }, e2eStack.name)).history(10_000, 1);
}

/** sshd logins on a host so far; a deployment that changes nothing must not add any. */
export async function sshLogins(target: InventoryHost): Promise<number> {
  const out = await sh(target, "journalctl -q -u ssh -u sshd --no-pager -o cat | grep -c 'Accepted publickey' || true");
  return Number(out.trim());
}

/**
 * Runs `during` with the host's firewall letting `source` reach `port`, to prove what the daemon itself
 * refuses behind the firewall; the rule goes away afterwards, whatever happened.
 */
export async function throughFirewallHole<T>(target: InventoryHost, source: string, port: number, during: () => Promise<T>): Promise<T> {
  const comment = `e2e-hole-${source}-${port}`;
  await sh(target, `nft insert rule inet hastack input ip saddr ${source} tcp dport ${port} accept comment "${comment}"`);
  try {
    return await during();
  } finally {
    await sh(
      target,
      `nft -a list chain inet hastack input | sed -n 's/.*comment "${comment}" # handle \\([0-9]*\\)$/\\1/p' | while read -r handle; do nft delete rule inet hastack input handle "$handle"; done`,
    );
  }
}
