import { resolve } from 'node:path';
import * as auto from '@pulumi/pulumi/automation';
import { readInventory } from '@hastack/lab-machines';
import { operatorMessage } from '../deploy/cli-error';
import { LAB_STACK, selectLabStack } from '../deploy/lab-stack';
import { driftedResources, formatDrift } from './drift-report';

const ROOT = resolve(__dirname, '../../../..');

/** The lab's stacks run the lab's inline program; any other stack is the project's (Pulumi.yaml at the root). */
async function selectStack(stackName: string): Promise<auto.Stack> {
  if (stackName === LAB_STACK) return selectLabStack(readInventory(), {}, stackName);
  return auto.LocalWorkspace.selectStack({ stackName, workDir: ROOT });
}

/**
 * `npm run drift -- [stack]`: a refresh runs every resource's drift probe on its host, in parallel, and the
 * state keeps what each found, so that the next `up` undoes exactly that. Prints a line per drifted thing
 * and exits 1 when there is any.
 */
async function main(): Promise<number> {
  const stackName = process.argv[2] ?? LAB_STACK;
  const stack = await selectStack(stackName);
  const started = Date.now();
  await stack.refresh({ color: 'never' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { drifted, checked } = driftedResources((await stack.exportStack()).deployment);
  for (const line of formatDrift(drifted)) console.log(line);
  const verdict = drifted.length ? `${drifted.length} drifted (the next up puts them back)` : 'no drift';
  console.log(`drift: ${checked} remote commands of stack "${stackName}" checked in ${seconds} s: ${verdict}`);
  return drifted.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`drift: ${operatorMessage(error)}`);
    process.exit(2);
  },
);
