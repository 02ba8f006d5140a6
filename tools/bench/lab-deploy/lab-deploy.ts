// The lab's first deploy and a no-op `up` right after it, each onto a lab brought up afresh, printed side by
// side: for the lab program at a revision and the working tree's, or for several tier sets (what a tier adds).
//   npm run bench -- lab-deploy --at REV [--tiers director,web]
//   npm run bench -- lab-deploy --tiers director,web,db,dfs --tiers director,web,db,dfs,monitoring
// Every program runs with the current lab, engine, providers and Pulumi settings, each under a throwaway
// stack in a throwaway backend; the lab stack's state is not touched, and the lab is left down.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { unpackRevision } from '../revision/unpack-revision';

const USAGE = 'usage: lab-deploy [--at REV] [--tiers T1,T2 ...] (a revision, or two tier sets or more, to compare)';
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

interface Measured {
  label: string;
  tiers: string;
  first: Run;
  noop: Run;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { at: { type: 'string' }, tiers: { type: 'string', multiple: true, default: ['director,web'] } },
  });
  const tierSets = values.tiers;
  if (!values.at && tierSets.length < 2) throw new Error(USAGE);
  const root = process.env.HASTACK_ROOT ?? process.cwd();
  const work = mkdtempSync(join(tmpdir(), 'hastack-bench-lab-deploy-'));
  const programs: [string, () => string][] = [
    ...(values.at ? [[values.at, () => unpackRevision(values.at as string, root, join(work, 'tree'))] as [string, () => string]] : []),
    ['working tree', () => root],
  ];
  try {
    const rows: Measured[] = [];
    for (const [label, tree] of programs) {
      const at = tree();
      for (const [i, tiers] of tierSets.entries()) rows.push({ label, tiers, ...(await measure(`${label}, tier set ${i + 1} (${tiers})`, at, root, tiers, work)) });
    }
    const [base] = rows;
    console.log('\nlab-deploy: each onto a fresh lab; the last columns compare with the first row');
    console.log('| program | tiers | first deploy | its changes | no-op up | its changes | first deploy vs row 1 | no-op up vs row 1 |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    const versus = (now: Run, then: Run) => `${now.seconds - then.seconds >= 0 ? '+' : ''}${(now.seconds - then.seconds).toFixed(1)} s (×${(now.seconds / then.seconds).toFixed(2)})`;
    for (const row of rows) {
      console.log(
        `| ${row.label} | ${row.tiers} | ${row.first.seconds.toFixed(1)} s | ${row.first.changes} | ${row.noop.seconds.toFixed(1)} s | ${row.noop.changes} | ` +
          `${versus(row.first, base.first)} | ${versus(row.noop, base.noop)} |`,
      );
    }
    rmSync(work, { recursive: true, force: true });
  } finally {
    labTool(root, 'down');
  }
}

main().catch((error: Error) => {
  console.error(`lab-deploy: ${error.message}`);
  process.exit(1);
});
