import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { operatorMessage } from './deploy/cli-error';
import { locksDirOf, recoverInterruptedUpdate } from './deploy/interrupted-update';
import { describeChanges, LAB_STACK, selectLabStack } from './deploy/lab-stack';
import { checkReachable } from './deploy/preflight';
import { readInventory } from '@hastack/lab-machines';
import { collectLabStatus, formatLabStatus } from './status';
import { SiteTier, SiteTiers } from '@hastack/site';

const ROOT = resolve(__dirname, '../../..');

function bringLabUp(): void {
  const result = spawnSync('bash', [resolve(ROOT, 'tools/scripts/run.sh'), 'lab:up'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the lab did not come up (see above)');
}

/** `--stack NAME` and `--tiers a,b`: a stack of a few tiers, for working on one tier beside the lab stack. */
function stackChoice(args: string[]): { stackName: string; tiers?: SiteTier[] } {
  const { values } = parseArgs({ args, options: { stack: { type: 'string' }, tiers: { type: 'string' } } });
  const tiers = values.tiers?.split(',');
  const unknown = tiers?.filter((tier) => !(SiteTiers as readonly string[]).includes(tier));
  if (unknown?.length) throw new Error(`unknown tier(s) ${unknown.join(', ')}: the lab has ${SiteTiers.join(', ')}`);
  return { stackName: values.stack ?? LAB_STACK, tiers: tiers as SiteTier[] | undefined };
}

async function deploy(): Promise<void> {
  const inventory = readInventory();
  await checkReachable(inventory.hosts);
  const { stackName, tiers } = stackChoice(process.argv.slice(3));
  const stack = await selectLabStack(inventory, { tiers }, stackName);
  await recoverInterruptedUpdate(stack, await locksDirOf(stack), (line) => console.log(`lab: ${line}`));
  const started = Date.now();
  console.log(`lab: deploying stack "${stack.name}" onto ${inventory.hosts.length} hosts`);
  const result = await stack.up({ onOutput: (text) => process.stdout.write(text) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`lab: deployed in ${seconds} s: ${describeChanges(result.summary.resourceChanges)}`);
}

async function destroy(): Promise<void> {
  const inventory = readInventory();
  await checkReachable(inventory.hosts);
  const { stackName, tiers } = stackChoice(process.argv.slice(3));
  const stack = await selectLabStack(inventory, { tiers }, stackName);
  const result = await stack.destroy({ onOutput: (text) => process.stdout.write(text) });
  console.log(`lab: destroyed: ${describeChanges(result.summary.resourceChanges)}`);
}

async function status(): Promise<void> {
  console.log(formatLabStatus(await collectLabStatus(readInventory())));
}

const commands: Record<string, () => Promise<void>> = {
  lab: async () => {
    bringLabUp();
    await deploy();
    await status();
  },
  deploy,
  status,
  'lab:destroy': destroy,
};

const command = process.argv[2] ?? '';
const run = commands[command];
if (!run) {
  console.error(`usage: main.ts ${Object.keys(commands).join(' | ')}`);
  process.exit(64);
}
run().catch((error: Error) => {
  console.error(`${command}: ${operatorMessage(error)}`);
  process.exit(1);
});
