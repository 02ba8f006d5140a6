// The lab's first deploy and a no-op `up` right after it, for the lab program at a revision and for the
// working tree's, each onto a lab brought up afresh, printed side by side.
//   npm run bench -- lab-deploy --at REV [--tiers director,web]
// Both programs run with the current lab, engine, providers and Pulumi settings, each under a throwaway
// stack in a throwaway backend; the lab stack's state is not touched, and the lab is left down.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { unpackRevision } from '../revision/unpack-revision';

const USAGE = 'usage: lab-deploy --at REV [--tiers director,web]';
const STACK = 'bench-lab-deploy';

interface Run {
  seconds: number;
  changes: string;
}

function labTool(root: string, command: 'up' | 'down'): void {
  const result = spawnSync('tsx', ['tools/lab/src/main.ts', command], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`lab ${command} failed (exit ${result.status})`);
}

/** One `deploy` of the lab program in `tree`; its own line "lab: deployed in S s: CHANGES" is the figure. */
function deploy(tree: string, tiers: string, env: NodeJS.ProcessEnv, log: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'tsx apps/lab/src/main.ts deploy --stack "$1" --tiers "$2" > "$3" 2>&1', 'deploy', STACK, tiers, log], {
      cwd: tree,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (code) => {
      const text = spawnSync('tail', ['-n', '40', log], { encoding: 'utf8' }).stdout;
      const line = /^lab: deployed in ([\d.]+) s: (.*)$/m.exec(text);
      if (code !== 0 || !line) reject(new Error(`deploy in ${tree} failed (exit ${code}); its output is in ${log}:\n${text}`));
      else resolve({ seconds: Number(line[1]), changes: line[2] });
    });
  });
}

async function measure(label: string, tree: string, root: string, tiers: string, work: string): Promise<{ first: Run; noop: Run }> {
  const state = join(work, `state-${label}`);
  mkdirSync(state);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: 'hastack-bench-lab-deploy-throwaway',
    HASTACK_INVENTORY: join(root, '.lab/inventory.json'),
  };
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  console.log(`lab-deploy: ${label}: a fresh lab`);
  labTool(root, 'down');
  labTool(root, 'up');
  const first = await deploy(tree, tiers, env, join(work, `${label}-first.log`));
  console.log(`lab-deploy: ${label}: first deploy ${first.seconds.toFixed(1)} s (${first.changes})`);
  const noop = await deploy(tree, tiers, env, join(work, `${label}-noop.log`));
  console.log(`lab-deploy: ${label}: no-op up ${noop.seconds.toFixed(1)} s (${noop.changes})`);
  return { first, noop };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { at: { type: 'string' }, tiers: { type: 'string', default: 'director,web' } } });
  if (!values.at) throw new Error(USAGE);
  const root = process.env.HASTACK_ROOT ?? process.cwd();
  const work = mkdtempSync(join(tmpdir(), 'hastack-bench-lab-deploy-'));
  try {
    const before = await measure(values.at, unpackRevision(values.at, root, join(work, 'tree')), root, values.tiers, work);
    const now = await measure('working tree', root, root, values.tiers, work);
    console.log(`\nlab-deploy: tiers ${values.tiers}, each onto a fresh lab`);
    console.log('| program | first deploy | its changes | no-op up | its changes |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const [label, runs] of [[values.at, before], ['working tree', now]] as const) {
      console.log(`| ${label} | ${runs.first.seconds.toFixed(1)} s | ${runs.first.changes} | ${runs.noop.seconds.toFixed(1)} s | ${runs.noop.changes} |`);
    }
    console.log(
      `working tree / ${values.at}: first deploy ${(now.first.seconds / before.first.seconds).toFixed(2)}, no-op up ${(now.noop.seconds / before.noop.seconds).toFixed(2)}`,
    );
    rmSync(work, { recursive: true, force: true });
  } finally {
    labTool(root, 'down');
  }
}

main().catch((error: Error) => {
  console.error(`lab-deploy: ${error.message}`);
  process.exit(1);
});
