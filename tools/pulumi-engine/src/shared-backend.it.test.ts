import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DONE, GATE, RUN_DIR_VARIABLE, STARTED } from '../fixtures/gated-program/program';
import { killProcessTree } from '@hastack/host/testing';
import { PostgresServer, startPostgresServer } from './testing/postgres-server';

// Issue 33, teams: the operators' clones of the project share each stack through one backend, here Pulumi's DIY
// backend on a PostgreSQL server (`postgres://`). An `up` while another runs is refused by the stack's lock before
// anything runs; the lock of an `up` killed half-way stays until `pulumi cancel` clears it. Each command runs as a
// user's would: in a shell that sourced tools/scripts/env.sh, with the real CLI, a passphrase and a Pulumi home of
// the test's own.
const root = process.env.HASTACK_ROOT ?? resolve(__dirname, '../../..');
const envSh = join(root, 'tools/scripts/env.sh');
const program = resolve(__dirname, '../fixtures/gated-program');
const work = mkdtempSync(join(tmpdir(), 'shared-backend-'));
const home = join(work, 'home');
const PASSPHRASE = 'shared-backend-own-passphrase';
let server: PostgresServer;
/** Every `pulumi` still running, for afterAll to stop should a test fail half-way. */
const running = new Set<ChildProcess>();

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Run {
  child: ChildProcess;
  result: Promise<Result>;
}

/** An `up`, with the folder where the program's step leaves its traces. */
interface Up extends Run {
  dir: string;
}

/** The project's provider plugins (install-providers.sh) in the test's own Pulumi home. */
function makeHome(): void {
  const projectHome = spawnSync('bash', ['-c', 'source "$0" && printf %s "$PULUMI_HOME"', envSh], { encoding: 'utf8' }).stdout;
  if (!projectHome) throw new Error(`no PULUMI_HOME from ${envSh}`);
  mkdirSync(home);
  symlinkSync(join(projectHome, 'plugins'), join(home, 'plugins'));
}

/** An operator's environment before env.sh: the team's backend and the stack's own passphrase. */
function operatorEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_BACKEND_URL: server.url, PULUMI_HOME: home, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
  for (const name of ['PULUMI_CONFIG_PASSPHRASE_FILE', 'PULUMI_STACK', 'HASTACK_LAB_STACK', 'PULUMI_SKIP_CONFIRMATIONS']) delete env[name];
  return { ...env, ...extra };
}

function pulumi(clone: string, args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  const child = spawn('bash', ['-c', 'source "$0" && exec pulumi "$@"', envSh, ...args, '--non-interactive', '--color', 'never'], {
    cwd: clone,
    env: operatorEnv(extra),
    // A process group of its own, as in an operator's terminal, for a test to kill.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<Result>((done) =>
    child.once('close', (status) => {
      running.delete(child);
      done({ status, stdout, stderr });
    }),
  );
  return { child, result };
}

async function succeeds(clone: string, args: string[]): Promise<string> {
  const result = await pulumi(clone, args).result;
  if (result.status !== 0) throw new Error(`pulumi ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** A clone of the project as an operator has one: the same program in a directory of its own. */
function newClone(name: string): string {
  const dir = join(work, name);
  cpSync(program, dir, { recursive: true });
  // The program runs with the project's packages, as it does from the fixture's folder.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** A stack made in the shared backend from clone a; clone b gets its settings file as a `git pull` brings it. */
async function sharedStack(stack: string): Promise<{ a: string; b: string }> {
  const a = newClone(`${stack}-a`);
  const b = newClone(`${stack}-b`);
  await succeeds(a, ['stack', 'init', stack]);
  copyFileSync(join(a, `Pulumi.${stack}.yaml`), join(b, `Pulumi.${stack}.yaml`));
  return { a, b };
}

function up(clone: string, stack: string, label: string): Up {
  const dir = join(work, 'runs', label);
  mkdirSync(dir, { recursive: true });
  return { ...pulumi(clone, ['up', '--stack', stack, '--yes'], { [RUN_DIR_VARIABLE]: dir }), dir };
}

/** What the `up`'s step did: nothing, started, or started and done once its gate opened. */
const traces = (run: Up) => readdirSync(run.dir).sort();
const openGate = (run: Up) => writeFileSync(join(run.dir, GATE), '');

/** Waits until the `up`'s step runs: by then the `up` holds the stack's lock, taken before its preview. */
async function stepStarted(run: Up): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!existsSync(join(run.dir, STARTED))) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) {
      const result = await run.result;
      throw new Error(`the up ended before its step started (exit ${result.status}):\n${result.stdout}${result.stderr}`);
    }
    if (Date.now() > deadline) throw new Error('the up did not start its step within 180 s');
    await sleep(100);
  }
}

/** The stack's locks as the backend keeps them: rows of its table, one per operation in progress. */
const locksOf = (stack: string) => server.query(`SELECT key FROM pulumi_state WHERE key LIKE '%.pulumi/locks/%/${stack}/%'`).split('\n').filter(Boolean);

function expectRefusedByLock(result: Result): void {
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('the stack is currently locked by 1 lock(s)');
  expect(result.stderr).toContain('pulumi cancel');
  // The message names the lock in the backend, without the backend's credentials.
  expect(result.stderr).toContain('postgres://****:****@127.0.0.1');
  expect(result.stderr).not.toContain(server.password);
}

beforeAll(async () => {
  server = await startPostgresServer();
  makeHome();
}, 600_000);

afterAll(() => {
  for (const child of running) killProcessTree(child.pid!);
  server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a stack shared through a PostgreSQL backend', () => {
  it("refuses a second clone's up while the first runs, and the second touches nothing", async () => {
    const stack = 'concurrent';
    const { a, b } = await sharedStack(stack);
    const first = up(a, stack, 'concurrent-a');
    await stepStarted(first);
    expect(locksOf(stack)).toHaveLength(1);

    const second = up(b, stack, 'concurrent-b');
    expectRefusedByLock(await second.result);
    expect(traces(second)).toEqual([]);

    openGate(first);
    const result = await first.result;
    expect(result.status).toBe(0);
    expect(traces(first)).toEqual([DONE, GATE, STARTED]);
    expect(locksOf(stack)).toEqual([]);
    // One state for both clones: b sees what a's up made.
    expect(await succeeds(b, ['stack', 'export', '--stack', stack])).toContain('gated-step');
  }, 300_000);

  it("keeps a killed up's lock until `pulumi cancel` clears it, then the other clone's up goes through", async () => {
    const stack = 'killed';
    const { a, b } = await sharedStack(stack);
    const killed = up(a, stack, 'killed-a');
    await stepStarted(killed);
    killProcessTree(killed.child.pid!);
    await killed.result;
    expect(locksOf(stack)).toHaveLength(1);

    const refused = up(b, stack, 'killed-b-refused');
    expectRefusedByLock(await refused.result);
    expect(traces(refused)).toEqual([]);

    expect(await succeeds(b, ['cancel', '--stack', stack, '--yes'])).toContain('has been canceled');
    expect(locksOf(stack)).toEqual([]);
    const retry = up(b, stack, 'killed-b-retry');
    await stepStarted(retry);
    openGate(retry);
    const result = await retry.result;
    expect(result.status).toBe(0);
    expect(traces(retry)).toEqual([DONE, GATE, STARTED]);
    expect(traces(killed)).toEqual([STARTED]);
  }, 300_000);
});
