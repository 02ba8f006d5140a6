// How `pulumi preview` of the root program grows with the site: synthetic descriptions of 2 directors and
// N web hosts (no host is contacted), each previewed with the real CLI and the project's providers under
// a throwaway stack in a throwaway backend. Prints, per size, the resources, the wall time, the peak RSS
// of the CLI, of the program and of the largest provider process, and the CPU time of each.
//   npm run bench -- scale [--sizes 50,100,200,500] [--full-site] [--at REV | --program DIR]
//                          [--limit-minutes 20] [--limit-gb 8] [--fail-at-limit] [--keep] [-- <preview flags>]
// --full-site adds a database primary and a MooseFS master and 2 chunkservers (revisions before 1f3c81c
// need them: their site composed every tier).
// --at previews the root program as committed at REV (the working tree may be half-edited); the
// providers and the Pulumi settings are always the current ones. A preview that passes either limit
// is stopped and shown as such; with --fail-at-limit (`npm test`'s guard against a runaway) the run
// then fails.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unpackRevision } from '../revision/unpack-revision';
import { ProcessRole, ProcessSampler, RoleUsage } from './process-sampler';
import { asInventory, syntheticSite, throwawayKey, ThrowawayKey } from './synthetic-inventory';

const USAGE =
  'usage: scale [--sizes 50,100] [--full-site] [--at REV | --program DIR] [--limit-minutes M] [--limit-gb G] [--fail-at-limit] [--keep] [-- <preview flags>]';

interface Options {
  sizes: number[];
  fullSite: boolean;
  /** Directory of the Pulumi project to preview (the root program). */
  program: string;
  /** A commit whose root program is previewed instead of the working tree's. */
  at?: string;
  limitSeconds: number;
  limitBytes: number;
  failAtLimit: boolean;
  keep: boolean;
  previewArgs: string[];
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    sizes: [50, 100, 200, 500],
    fullSite: false,
    program: process.env.HASTACK_ROOT ?? process.cwd(),
    limitSeconds: 20 * 60,
    limitBytes: 8 * 1024 ** 3,
    failAtLimit: false,
    keep: false,
    previewArgs: [],
  };
  const positive = (flag: string, value: string | undefined) => {
    const number = Number(value);
    if (!(number > 0)) throw new Error(`${flag} takes a positive number\n${USAGE}`);
    return number;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.previewArgs = argv.slice(i + 1);
      break;
    } else if (arg === '--sizes') {
      options.sizes = (argv[++i] ?? '').split(',').map(Number);
      if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) {
        throw new Error(`--sizes takes web-host counts separated by commas, e.g. --sizes 50,100\n${USAGE}`);
      }
    } else if (arg === '--full-site') {
      options.fullSite = true;
    } else if (arg === '--program') {
      options.program = resolve(argv[++i] ?? '');
    } else if (arg === '--at') {
      options.at = argv[++i];
    } else if (arg === '--limit-minutes') {
      options.limitSeconds = positive(arg, argv[++i]) * 60;
    } else if (arg === '--limit-gb') {
      options.limitBytes = positive(arg, argv[++i]) * 1024 ** 3;
    } else if (arg === '--fail-at-limit') {
      options.failAtLimit = true;
    } else if (arg === '--keep') {
      options.keep = true;
    } else {
      throw new Error(`scale: unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

interface Row {
  webHosts: number;
  resources: number;
  seconds: number;
  usage: Record<ProcessRole, RoleUsage>;
  /** Why the preview was stopped before it finished. */
  stopped?: string;
}

function pulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): void {
  const result = spawnSync('pulumi', args, { cwd, env, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pulumi ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/**
 * A throwaway stack describing the site in its configuration file, kept in `work` rather than beside
 * the project. The same description is also written as an inventory file, which older revisions of the
 * root program read (`HASTACK_INVENTORY`).
 */
function createStack(stack: string, webHosts: number, key: ThrowawayKey, work: string, options: Options, env: NodeJS.ProcessEnv) {
  const site = syntheticSite(webHosts, key, options.fullSite);
  const inventoryPath = join(work, `inventory-${webHosts}.json`);
  writeFileSync(inventoryPath, JSON.stringify(asInventory(site, key)));
  pulumi(['stack', 'init', stack, '--secrets-provider', 'passphrase', '--non-interactive'], options.program, env);
  // `stack init` writes the passphrase's salt beside the project; the file moves to the work folder.
  const configFile = join(work, `Pulumi.${stack}.yaml`);
  const created = join(options.program, `Pulumi.${stack}.yaml`);
  if (existsSync(created)) renameSync(created, configFile);
  // JSON is YAML: the description goes in as one flow value.
  appendFileSync(configFile, `\nconfig:\n  hastack:site: ${JSON.stringify(site)}\n`);
  const stackArgs = ['--stack', stack, '--config-file', configFile, '--non-interactive'];
  pulumi(['config', 'set', '--secret', 'hastack:sshPrivateKey', ...stackArgs], options.program, env, key.privateKey);
  return { inventoryPath, stackArgs };
}

async function timedPreview(stackArgs: string[], options: Options, env: NodeJS.ProcessEnv, outputPath: string) {
  const output = createWriteStream(outputPath);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const child = spawn('pulumi', ['preview', ...stackArgs, ...options.previewArgs], {
    cwd: options.program,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new ProcessSampler(child.pid!);
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  let stopped: string | undefined;
  const watchdog = setInterval(() => {
    if (stopped) return;
    if (elapsed() > options.limitSeconds) stopped = `stopped after ${+(options.limitSeconds / 60).toFixed(1)} min`;
    else if (sampler.treeRssBytes > options.limitBytes) stopped = `stopped at ${gb(sampler.treeRssBytes)} after ${elapsed().toFixed(0)} s`;
    if (stopped) sampler.killTree();
  }, 1000);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  clearInterval(watchdog);
  const seconds = elapsed();
  const usage = sampler.stop();
  await new Promise((done) => output.end(done));
  const text = readFileSync(outputPath, 'utf8');
  if (code !== 0 && !stopped) throw new Error(`preview failed (exit ${code}):\n${text.slice(-4000)}`);
  // The summary counts resources by operation ("+ 2128 to create", "2 unchanged").
  const counts = [...text.matchAll(/^\s+[+~\-±]?\s*(\d+) (?:to create|to update|to delete|to replace|unchanged)$/gm)];
  return { seconds, usage, stopped, resources: counts.reduce((sum, match) => sum + Number(match[1]), 0) };
}

const GB = 1024 ** 3;
const gb = (bytes: number) => `${(bytes / GB).toFixed(2)} GB`;

function printRow(row: Row): void {
  const { pulumi: cli, program, provider } = row.usage;
  const time = row.stopped ? `> ${row.seconds.toFixed(0)} s (${row.stopped})` : `${row.seconds.toFixed(1)} s`;
  const peak = (usage: RoleUsage) => `${row.stopped ? '≥ ' : ''}${gb(usage.peakRssBytes)}`;
  console.log(
    `| ${row.webHosts} | ${row.stopped ? '-' : row.resources} | ${time} | ${peak(cli)} | ${peak(program)} | ${peak(provider)} | ` +
      `${cli.cpuSeconds.toFixed(0)} / ${program.cpuSeconds.toFixed(0)} / ${provider.cpuSeconds.toFixed(0)} s |`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'hastack-bench-scale-'));
  const state = join(work, 'state');
  mkdirSync(state);
  const key = throwawayKey(work);
  if (options.at) options.program = unpackRevision(options.at, options.program, join(work, 'tree'));
  const source = options.at ? `the root program at ${options.at}` : options.program;
  const settings = Object.keys(process.env).filter((name) => /^PULUMI_(SKIP_CHECKPOINTS|PARALLEL|NODEJS_)/.test(name));
  const cli = spawnSync('bash', ['-c', 'command -v pulumi'], { encoding: 'utf8' }).stdout.trim();
  console.log(
    `scale: \`pulumi preview ${options.previewArgs.join(' ')}\` of 2 directors + N web hosts${options.fullSite ? ', a database and MooseFS' : ''} (${source})`,
  );
  console.log(`scale: ${cli}; ${settings.map((name) => `${name}=${process.env[name]}`).join(' ') || 'no checkpoint, parallelism or Node.js setting'}`);
  console.log('| web hosts | resources | preview | peak RSS pulumi | peak RSS program | peak RSS provider | CPU pulumi / program / providers |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const rows: Row[] = [];
  // The throwaway stacks keep secrets under a passphrase of their own: the lab's is refused for them.
  // A Pulumi home of its own with the project's plugins, so that the CLI's own logs of the runs (16 MB for
  // 500 web hosts) go with the work folder.
  const home = join(work, 'pulumi-home');
  mkdirSync(home);
  symlinkSync(join(String(process.env.PULUMI_HOME), 'plugins'), join(home, 'plugins'));
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: 'hastack-bench-scale-throwaway',
  };
  delete baseEnv.PULUMI_CONFIG_PASSPHRASE_FILE;
  try {
    for (const webHosts of options.sizes) {
      const stack = `bench-scale-${process.pid}-${webHosts}`;
      const { inventoryPath, stackArgs } = createStack(stack, webHosts, key, work, options, baseEnv);
      const env = { ...baseEnv, HASTACK_INVENTORY: inventoryPath };
      try {
        const result = await timedPreview(stackArgs, options, env, join(work, `preview-${webHosts}.txt`));
        const row = { webHosts, ...result };
        rows.push(row);
        printRow(row);
      } finally {
        pulumi(['stack', 'rm', stack, '--yes', '--force', '--preserve-config', '--non-interactive'], options.program, env);
      }
    }
  } finally {
    if (options.keep) console.log(`scale: descriptions, stack configurations and preview outputs kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const finished = rows.filter((row) => !row.stopped);
  if (finished.length > 1) {
    const [smallest, largest] = [finished[0], finished[finished.length - 1]];
    console.log(
      `time(${largest.webHosts}) / time(${smallest.webHosts}) = ${(largest.seconds / smallest.seconds).toFixed(1)} ` +
        `for ${(largest.webHosts / smallest.webHosts).toFixed(0)}x the web hosts`,
    );
  }
  const stopped = rows.filter((row) => row.stopped);
  if (options.failAtLimit && stopped.length) {
    throw new Error(`scale: ${stopped.map((row) => `${row.webHosts} web hosts ${row.stopped}`).join('; ')} (--fail-at-limit)`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
