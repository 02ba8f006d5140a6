import * as auto from '@pulumi/pulumi/automation';
import type { Inventory } from '@hastack/inventory';
import { LabOptions, labProgram } from '../program';

export const PROJECT_NAME = 'hastack';
export const LAB_STACK = 'lab';

/**
 * The CLI's environment for a stack of the lab's, whatever its name: the lab's published passphrase, which
 * tools/scripts/env.sh no longer exports for every stack, and the stack's name in HASTACK_LAB_STACK, for which
 * the project's `pulumi` (tools/pulumi-engine/bin/pulumi) lets that passphrase through.
 */
export function labStackEnvVars(stackName: string): Record<string, string> {
  const passphrase = process.env.HASTACK_LAB_PASSPHRASE;
  if (!passphrase) throw new Error('HASTACK_LAB_PASSPHRASE is not set: run the lab through npm run, or source tools/scripts/env.sh first');
  return { PULUMI_CONFIG_PASSPHRASE: passphrase, HASTACK_LAB_STACK: stackName };
}

/**
 * The lab stack under the Automation API, with an inline program: no language host is needed. Backend and
 * Pulumi home come from the environment that tools/scripts/env.sh sets; the passphrase is the lab's.
 */
export function selectLabStack(inventory: Inventory, options: LabOptions = {}, stackName: string = LAB_STACK): Promise<auto.Stack> {
  return auto.LocalWorkspace.createOrSelectStack(
    { projectName: PROJECT_NAME, stackName, program: labProgram(inventory, options) },
    {
      envVars: labStackEnvVars(stackName),
      secretsProvider: 'passphrase',
      projectSettings: { name: PROJECT_NAME, runtime: 'nodejs', backend: { url: process.env.PULUMI_BACKEND_URL } },
    },
  );
}

/** One line of what an update did, e.g. "create 3, same 40". */
export function describeChanges(changes: Record<string, number> | undefined): string {
  const parts = Object.entries(changes ?? {}).map(([kind, count]) => `${kind} ${count}`);
  return parts.length ? parts.join(', ') : 'nothing';
}
