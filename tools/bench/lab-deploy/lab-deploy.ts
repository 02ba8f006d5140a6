// The lab's first deploy and a no-op `up` right after it, each onto a lab brought up afresh, printed side by
// side: for the lab program at revisions and the working tree's, or for several tier sets (what a tier adds).
//   npm run bench -- lab-deploy --at REV [--at REV2 ...] [--tiers director,web]
//   npm run bench -- lab-deploy --at 'REV with PATH from REV2'    (REV with one file as REV2 had it)
//   npm run bench -- lab-deploy --tiers director,web,db,dfs --tiers director,web,db,dfs,monitoring
//   npm run bench -- lab-deploy --at REV --rounds 3      (the programs in turn, three times; medians below the rows)
// Every program runs with the current lab, engine, providers and Pulumi settings, each under a throwaway
// stack in a throwaway backend; the lab stack's state is not touched, and the lab is left down.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { unpackRevision } from '../revision/unpack-revision';

const USAGE = 'usage: lab-deploy [--at REV ...] [--tiers T1,T2 ...] [--rounds N] (revisions, or two tier sets or more, to compare with the working tree)';
const STACK = 'bench-lab-deploy';

interface Run {
  seconds: number;
  changes: string;
}

function labTool(root: string, command: 'up' | 'down'): void {
  const result = spawnSync('tsx', ['tools/lab-machines/src/main.ts', command], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
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
  // The label names revisions and paths; the files are named after it without its slashes and spaces.
  const slug = label.replace(/[^\w.,()-]+/g, '_');
  const state = join(work, `state-${slug}`);
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
  const first = await deploy(tree, tiers, env, join(work, `${slug}-first.log`));
  console.log(`lab-deploy: ${label}: first deploy ${first.seconds.toFixed(1)} s (${first.changes})`);
  const noop = await deploy(tree, tiers, env, join(work, `${slug}-noop.log`));
  console.log(`lab-deploy: ${label}: no-op up ${noop.seconds.toFixed(1)} s (${noop.changes})`);
  return { first, noop };
}

interface Measured {
  round: number;
  label: string;
  tiers: string;
  first: Run;
  noop: Run;
}

const versus = (now: number, then: number) => `${now - then >= 0 ? '+' : ''}${(now - then).toFixed(1)} s (×${(now / then).toFixed(2)})`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function printTable(rows: Measured[], rounds: number): void {
  const [base] = rows;
  console.log('\nlab-deploy: each onto a fresh lab; the last columns compare with the first row');
  console.log('| round | program | tiers | first deploy | its changes | no-op up | its changes | first deploy vs row 1 | no-op up vs row 1 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.round} | ${row.label} | ${row.tiers} | ${row.first.seconds.toFixed(1)} s | ${row.first.changes} | ${row.noop.seconds.toFixed(1)} s | ` +
        `${row.noop.changes} | ${versus(row.first.seconds, base.first.seconds)} | ${versus(row.noop.seconds, base.noop.seconds)} |`,
    );
  }
  if (rounds === 1) return;
  const groups = new Map<string, Measured[]>();
  for (const row of rows) {
    const key = `${row.label}\t${row.tiers}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const medians = [...groups.values()].map((group) => ({
    label: group[0].label,
    tiers: group[0].tiers,
    first: median(group.map((row) => row.first.seconds)),
    noop: median(group.map((row) => row.noop.seconds)),
    spread: Math.max(...group.map((row) => row.first.seconds)) - Math.min(...group.map((row) => row.first.seconds)),
  }));
  console.log(`\nlab-deploy: medians of ${rounds} rounds; the spread is the first deploys' largest minus smallest`);
  console.log('| program | tiers | first deploy | spread | no-op up | first deploy vs row 1 | no-op up vs row 1 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of medians) {
    console.log(
      `| ${row.label} | ${row.tiers} | ${row.first.toFixed(1)} s | ${row.spread.toFixed(1)} s | ${row.noop.toFixed(1)} s | ` +
        `${versus(row.first, medians[0].first)} | ${versus(row.noop, medians[0].noop)} |`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      at: { type: 'string', multiple: true, default: [] },
      tiers: { type: 'string', multiple: true, default: ['director,web'] },
      rounds: { type: 'string', default: '1' },
    },
  });
  const tierSets = values.tiers;
  const rounds = Number(values.rounds);
  if ((values.at.length === 0 && tierSets.length < 2) || !Number.isInteger(rounds) || rounds < 1) throw new Error(USAGE);
  const root = process.env.HASTACK_ROOT ?? process.cwd();
  const work = mkdtempSync(join(tmpdir(), 'hastack-bench-lab-deploy-'));
  try {
    // Unpacked before any lab is brought up: a revision that does not exist fails at once.
    const programs: [string, string][] = [
      ...values.at.map((spec, i): [string, string] => [spec, unpackRevision(spec, root, join(work, `tree-${i + 1}`))]),
      ['working tree', root],
    ];
    const rows: Measured[] = [];
    // In turn rather than one program's rounds after the other's: a machine that slows down over the run
    // then weighs on every program alike.
    for (let round = 1; round <= rounds; round++) {
      for (const [label, tree] of programs) {
        for (const [i, tiers] of tierSets.entries()) {
          const name = `${label}, tier set ${i + 1} (${tiers})${rounds > 1 ? `, round ${round}` : ''}`;
          rows.push({ round, label, tiers, ...(await measure(name, tree, root, tiers, work)) });
        }
      }
    }
    printTable(rows, rounds);
    rmSync(work, { recursive: true, force: true });
  } finally {
    labTool(root, 'down');
  }
}

main().catch((error: Error) => {
  console.error(`lab-deploy: ${error.message}`);
  process.exit(1);
});
