import * as auto from '@pulumi/pulumi/automation';
import type { Inventory } from '@hastack/inventory';
import { LabOptions, labProgram } from '../program';

export const PROJECT_NAME = 'hastack';
export const LAB_STACK = 'lab';

/**
 * The lab stack under the Automation API, with an inline program: no language host is needed. Backend,
 * Pulumi home and passphrase come from the environment that tools/scripts/env.sh sets.
 */
export function selectLabStack(inventory: Inventory, options: LabOptions = {}, stackName: string = LAB_STACK): Promise<auto.Stack> {
  return auto.LocalWorkspace.createOrSelectStack(
    { projectName: PROJECT_NAME, stackName, program: labProgram(inventory, options) },
    {
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
