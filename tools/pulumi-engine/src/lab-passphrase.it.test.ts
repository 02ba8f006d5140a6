import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { secret } from '@pulumi/pulumi';
import * as auto from '@pulumi/pulumi/automation';

// Issue 34: the lab's published passphrase must reach no stack but the lab's, whatever the path: a stack made
// with `stack init`, a secret set after `stack select`, a passphrase in PULUMI_CONFIG_PASSPHRASE_FILE. Each
// command runs as a user's would: in a shell that sourced tools/scripts/env.sh (of the tree the test runs in),
// with the real CLI, against a backend and a Pulumi home of the test's own.
const root = process.env.HASTACK_ROOT ?? resolve(__dirname, '../../..');
const envSh = join(root, 'tools/scripts/env.sh');
const work = mkdtempSync(join(tmpdir(), 'lab-passphrase-'));
const backend = { PULUMI_BACKEND_URL: `file://${join(work, 'backend')}`, PULUMI_HOME: join(work, 'home') };
mkdirSync(join(work, 'backend'));
const labPassphrase = spawnSync('bash', ['-c', 'source "$0" && printf %s "$HASTACK_LAB_PASSPHRASE"', envSh], { encoding: 'utf8' }).stdout;
if (!labPassphrase) throw new Error(`no HASTACK_LAB_PASSPHRASE from ${envSh}`);

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The user's environment before env.sh: no passphrase of their own, unless a test gives one. */
function userEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...backend };
  for (const name of ['PULUMI_CONFIG_PASSPHRASE', 'PULUMI_CONFIG_PASSPHRASE_FILE', 'PULUMI_STACK', 'HASTACK_LAB_STACK', 'PULUMI_SKIP_CONFIRMATIONS'])
    delete env[name];
  return { ...env, ...extra };
}

function pulumi(project: string, args: string[], extra: NodeJS.ProcessEnv = {}): Result {
  const result = spawnSync('bash', ['-c', 'source "$0" && exec pulumi "$@"', envSh, ...args, '--non-interactive'], {
    cwd: project,
    env: userEnv(extra),
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function succeeds(project: string, args: string[], extra: NodeJS.ProcessEnv = {}): string {
  const result = pulumi(project, args, extra);
  if (result.status !== 0) throw new Error(`pulumi ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  return result.stdout.trim();
}

/** A stack made the way the old env.sh let anyone: the bare CLI with the lab's passphrase exported. */
function legacyStack(project: string, stack: string): void {
  const result = spawnSync(join(String(process.env.HASTACK_ENGINE_BIN), 'pulumi'), ['stack', 'init', stack, '--non-interactive'], {
    cwd: project,
    env: userEnv({ PULUMI_CONFIG_PASSPHRASE: labPassphrase }),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`stack init ${stack} failed:\n${result.stderr}`);
}

let projects = 0;
function newProject(): string {
  const dir = join(work, `lab-passphrase-${++projects}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'Pulumi.yaml'), `name: ${basename(dir)}\nruntime: nodejs\n`);
  return dir;
}

const stackFile = (project: string, stack: string) => join(project, `Pulumi.${stack}.yaml`);
const holdsSecret = (project: string, stack: string) =>
  existsSync(stackFile(project, stack)) && /secure:/.test(readFileSync(stackFile(project, stack), 'utf8'));

function expectRefused(result: Result, stack: string): void {
  expect(result.status).toBe(2);
  expect(result.stderr.trim()).toBe(
    `pulumi: stack "${stack}" would keep its secrets under the lab's published passphrase: set PULUMI_CONFIG_PASSPHRASE ` +
      '(or PULUMI_CONFIG_PASSPHRASE_FILE) to its own, or move it to another secrets provider (pulumi stack change-secrets-provider)',
  );
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the lab's published passphrase", () => {
  it('is not there for `stack init other` then `config set --secret` in the environment env.sh makes', () => {
    const project = newProject();
    const init = pulumi(project, ['stack', 'init', 'other']);
    expect(init.status).not.toBe(0);
    expect(init.stderr).toContain('passphrase must be set');
    expect(pulumi(project, ['config', 'set', '--secret', 'k', 'v']).status).not.toBe(0);
    expect(existsSync(stackFile(project, 'other'))).toBe(false);
  });

  it('is refused for another stack in PULUMI_CONFIG_PASSPHRASE, named or selected, before the CLI runs', () => {
    const project = newProject();
    const lab = { PULUMI_CONFIG_PASSPHRASE: labPassphrase };
    expectRefused(pulumi(project, ['stack', 'init', 'other'], lab), 'other');
    expectRefused(pulumi(project, ['stack', 'init', '--stack', 'other'], lab), 'other');
    expectRefused(pulumi(project, ['stack', 'select', '--create', '--secrets-provider', 'passphrase', 'other'], lab), 'other');
    expect(existsSync(stackFile(project, 'other'))).toBe(false);
    // A stack already under the lab's passphrase, which the CLI alone would take a new secret into.
    legacyStack(project, 'other');
    succeeds(project, ['stack', 'select', 'other']);
    expectRefused(pulumi(project, ['config', 'set', '--secret', 'k', 'v'], lab), 'other');
    expectRefused(pulumi(project, ['config', 'set', '--secret', 'k', 'v', '--stack=other'], lab), 'other');
    const qualified = `organization/${basename(project)}/other`;
    expectRefused(pulumi(project, ['-C', project, 'config', 'set', '--secret', 'k', 'v', '-s', qualified], lab), qualified);
    // Without it, the env.sh environment has none to give.
    expect(pulumi(project, ['config', 'set', '--secret', 'k', 'v']).status).not.toBe(0);
    expect(holdsSecret(project, 'other')).toBe(false);
  });

  it('is refused for another stack in PULUMI_CONFIG_PASSPHRASE_FILE', () => {
    const project = newProject();
    const file = join(work, 'lab-passphrase.txt');
    writeFileSync(file, `${labPassphrase}\n`);
    const labFile = { PULUMI_CONFIG_PASSPHRASE_FILE: file };
    expectRefused(pulumi(project, ['stack', 'init', 'other'], labFile), 'other');
    legacyStack(project, 'other');
    expectRefused(pulumi(project, ['config', 'set', '--secret', 'k', 'v'], labFile), 'other');
    expect(holdsSecret(project, 'other')).toBe(false);
  });

  it('is refused when the command names no stack and none is selected', () => {
    const result = pulumi(newProject(), ['config', 'set', '--secret', 'k', 'v'], { PULUMI_CONFIG_PASSPHRASE: labPassphrase });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('names no stack (nor is one selected)');
  });

  it('is supplied for the stack lab, which works without any passphrase set', () => {
    const project = newProject();
    succeeds(project, ['stack', 'init', 'lab']);
    succeeds(project, ['config', 'set', '--secret', 'k', 'v']);
    expect(succeeds(project, ['config', 'get', 'k'])).toBe('v');
    expect(holdsSecret(project, 'lab')).toBe(true);
    const file = join(work, 'lab-passphrase-for-lab.txt');
    writeFileSync(file, labPassphrase);
    expect(succeeds(project, ['config', 'get', 'k', '--stack', 'lab'], { PULUMI_CONFIG_PASSPHRASE_FILE: file })).toBe('v');
  });

  it('leaves another stack with its own passphrase alone', () => {
    const project = newProject();
    const own = { PULUMI_CONFIG_PASSPHRASE: 'production-own-passphrase' };
    succeeds(project, ['stack', 'init', 'production'], own);
    succeeds(project, ['config', 'set', '--secret', 'k', 'v'], own);
    expect(succeeds(project, ['config', 'get', 'k'], own)).toBe('v');
    const file = join(work, 'production-passphrase.txt');
    writeFileSync(file, 'production-own-passphrase\n');
    expect(succeeds(project, ['config', 'get', 'k', '--stack', 'production'], { PULUMI_CONFIG_PASSPHRASE_FILE: file })).toBe('v');
  });

  it("lets the lab's own code through for the stack it names in HASTACK_LAB_STACK, and that stack only", async () => {
    // As apps/lab/src/deploy/lab-stack.ts runs `npm run lab -- deploy --stack dev-db`: the Automation API runs the
    // `pulumi` first on PATH, the project's, with the lab's passphrase and the stack's name.
    const labCode = { PULUMI_CONFIG_PASSPHRASE: labPassphrase, HASTACK_LAB_STACK: 'dev-db' };
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { projectName: 'lab-passphrase-automation', stackName: 'dev-db', program: async () => ({ secret: secret('lab only') }) },
      { envVars: { ...backend, ...labCode }, secretsProvider: 'passphrase' },
    );
    const result = await stack.up();
    expect(result.outputs.secret).toEqual({ value: 'lab only', secret: true });
    await stack.workspace.removeStack('dev-db');
    expectRefused(pulumi(newProject(), ['stack', 'init', 'other'], labCode), 'other');
  });

  it('stops no command that needs no stack', () => {
    const project = newProject();
    legacyStack(project, 'other');
    const lab = { PULUMI_CONFIG_PASSPHRASE: labPassphrase };
    expect(succeeds(project, ['version'], lab)).toMatch(/^v3\./);
    expect(succeeds(project, ['stack', 'ls'], lab)).toContain('other*');
    succeeds(project, ['plugin', 'ls'], lab);
    succeeds(project, ['about'], lab);
    succeeds(project, ['preview', '--help'], lab);
    // Outside any project: no stack to find, and the CLI's own answers.
    expect(succeeds(work, ['version'])).toMatch(/^v3\./);
    expect(pulumi(work, ['config']).stderr).toContain('no Pulumi.yaml project file found');
  });
});

describe('confirmations', () => {
  it('are skipped for the lab stack only: removing another stack without a terminal wants --yes', () => {
    const project = newProject();
    const own = { PULUMI_CONFIG_PASSPHRASE: 'production-own-passphrase' };
    succeeds(project, ['stack', 'init', 'production'], own);
    const refused = pulumi(project, ['stack', 'rm', 'production'], own);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('--yes');
    expect(succeeds(project, ['stack', 'ls'], own)).toContain('production');
    succeeds(project, ['stack', 'init', 'lab']);
    succeeds(project, ['stack', 'rm', 'lab']);
    expect(succeeds(project, ['stack', 'ls'], own)).not.toMatch(/^lab\b/m);
  });
});
