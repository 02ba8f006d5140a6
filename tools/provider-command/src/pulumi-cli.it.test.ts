// The providers as the stack uses them: installed as plugins of the project's Pulumi home
// (install-providers.sh) and driven by the real CLI through the Automation API.
import * as command from '@pulumi/command';
import * as pulumi from '@pulumi/pulumi';
import * as auto from '@pulumi/pulumi/automation';
import * as random from '@pulumi/random';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoopbackSshd, startLoopbackSshd } from './testing/loopback-sshd';

const PROJECT = 'provider-command-it';
const STACK = 'it';

interface Settings {
  localTrigger: string;
  remoteCreate: string;
  remoteTrigger: string;
  /** A remote command on a port nothing listens on, to prove the dial error. */
  unreachablePort?: number;
}

let sshd: LoopbackSshd;
let stack: auto.Stack;
let work: string;
let backend: string;
let settings: Settings;

const logOf = (name: string) => (existsSync(join(work, name)) ? readFileSync(join(work, name), 'utf8').trim().split('\n') : []);

/** What the remote command runs: note the run, then take a while to read the password from stdin. */
const remoteCreate = (label: string) => `echo ${label} >> ${work}/remote.log; sleep 2; cat > ${work}/password-copy; echo "ran ${label}"`;

function program(): Record<string, pulumi.Output<unknown>> {
  const password = new random.RandomPassword('db-password', { length: 24, special: false });
  new command.local.Command('local', {
    create: `echo create >> ${work}/local.log`,
    delete: `echo delete >> ${work}/local.log`,
    triggers: [settings.localTrigger],
  });
  const connection = {
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    privateKey: pulumi.secret(sshd.privateKey),
    hostKey: sshd.hostKey,
  };
  const copy = new command.remote.CopyToRemote('site', {
    connection,
    source: new pulumi.asset.FileArchive(join(work, 'site')),
    remotePath: join(work, 'remote'),
  });
  const remote = new command.remote.Command(
    'remote',
    {
      connection,
      create: settings.remoteCreate,
      delete: `echo delete >> ${work}/remote.log`,
      stdin: password.result,
      environment: { DB_PASSWORD: password.result },
      triggers: [settings.remoteTrigger],
    },
    { dependsOn: [copy], deleteBeforeReplace: true },
  );
  if (settings.unreachablePort) {
    new command.remote.Command('unreachable', {
      connection: { host: '127.0.0.1', port: settings.unreachablePort, user: sshd.user, dialErrorLimit: 3 },
      create: 'true',
    });
  }
  return { password: password.result, remoteStdout: remote.stdout };
}

/** Runs `up` while sampling every command line on the machine, and keeps the engine's log messages. */
async function upWatchingProcesses(): Promise<{
  result: auto.UpResult;
  commandLines: string[];
  diagnostics: auto.DiagnosticEvent[];
}> {
  const commandLines: string[] = [];
  const diagnostics: auto.DiagnosticEvent[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const { stdout } = await promisify(execFile)('ps', ['-eo', 'args']);
      commandLines.push(...stdout.split('\n'));
      await sleep(100);
    }
  })();
  try {
    const result = await stack.up({ onEvent: (event) => event.diagnosticEvent && diagnostics.push(event.diagnosticEvent) });
    return { result, commandLines, diagnostics };
  } finally {
    watching = false;
    await watcher;
  }
}

beforeAll(async () => {
  sshd = await startLoopbackSshd();
  work = mkdtempSync(join(tmpdir(), 'provider-command-it-'));
  mkdirSync(join(work, 'site'));
  writeFileSync(join(work, 'site', 'index.html'), '<h1>it</h1>\n');
  backend = mkdtempSync(join(tmpdir(), 'provider-command-backend-'));
  settings = { localTrigger: 'a', remoteCreate: remoteCreate('create-1'), remoteTrigger: 'a' };
  // PULUMI_HOME (with the installed plugins) and PATH (with the CLI) come from tools/scripts/env.sh.
  stack = await auto.LocalWorkspace.createOrSelectStack(
    { projectName: PROJECT, stackName: STACK, program: async () => program() },
    {
      envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: 'provider-command-it' },
      secretsProvider: 'passphrase',
    },
  );
});

afterAll(async () => {
  await sshd?.stop();
});

describe('the command and random providers through the Pulumi CLI', () => {
  let password: string;

  it('runs nothing on preview', async () => {
    const preview = await stack.preview();
    expect(preview.changeSummary).toMatchObject({ create: 5 });
    expect(logOf('local.log')).toEqual([]);
    expect(logOf('remote.log')).toEqual([]);
  });

  it('runs every command on the first up, and keeps the password off every command line and log', async () => {
    const { result, commandLines, diagnostics } = await upWatchingProcesses();
    expect(result.summary.resourceChanges).toMatchObject({ create: 5 });
    password = result.outputs.password.value;
    expect(result.outputs.password.secret).toBe(true);
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(result.outputs.remoteStdout.value).toBe('ran create-1');
    expect(logOf('local.log')).toEqual(['create']);
    expect(logOf('remote.log')).toEqual(['create-1']);
    expect(readFileSync(join(work, 'password-copy'), 'utf8')).toBe(password);
    expect(readFileSync(join(work, 'remote', 'site', 'index.html'), 'utf8')).toBe('<h1>it</h1>\n');
    expect(commandLines.some((line) => line.includes('sleep 2'))).toBe(true);
    expect(commandLines.filter((line) => line.includes(password))).toEqual([]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ message: 'ran create-1\n', ephemeral: true }));
    // Debug events (missing from the type) are the program runtime's own RPC traces, which print resolved
    // secrets whatever the providers do; what the CLI shows is the rest.
    const shown = diagnostics.filter((event) => ['info', 'info#err', 'warning', 'error'].includes(event.severity));
    expect(shown.filter((event) => event.message.includes(password))).toEqual([]);
  });

  it('runs nothing on a second up', async () => {
    const result = await stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 5 });
    expect(logOf('local.log')).toEqual(['create']);
    expect(logOf('remote.log')).toEqual(['create-1']);
  });

  it('keeps the password out of the exported state', () => {
    const exported = execFileSync('pulumi', ['stack', 'export', '--stack', STACK, '--cwd', stack.workspace.workDir], {
      env: { ...process.env, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: 'provider-command-it' },
      encoding: 'utf8',
    });
    expect(exported).toContain('"ciphertext"');
    expect(exported).not.toContain(password);
  });

  it('runs a changed create once, as an update, and not on preview', async () => {
    settings.remoteCreate = remoteCreate('create-2');
    const preview = await stack.preview();
    expect(preview.changeSummary).toMatchObject({ update: 1 });
    expect(logOf('remote.log')).toEqual(['create-1']);
    const result = await stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 4, update: 1 });
    expect(logOf('remote.log')).toEqual(['create-1', 'create-2']);
  });

  it('replaces on a trigger change: delete then create when asked, create then delete by default', async () => {
    settings.remoteTrigger = 'b';
    settings.localTrigger = 'b';
    const result = await stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 3, replace: 2 });
    expect(logOf('remote.log')).toEqual(['create-1', 'create-2', 'delete', 'create-2']);
    expect(logOf('local.log')).toEqual(['create', 'create', 'delete']);
  });

  it('fails an up whose command exits 3, with its stderr and without the environment', async () => {
    settings.remoteCreate = 'echo "cannot configure" >&2; exit 3';
    settings.remoteTrigger = 'c';
    const message = await stack.up().then(
      () => 'up succeeded',
      (error: Error) => error.message,
    );
    settings.remoteCreate = remoteCreate('create-3');
    // Back to a stack that deploys, so that the next failure is the only step in flight.
    await stack.up();
    expect(logOf('remote.log').at(-1)).toBe('create-3');
    expect(message).toContain('error: exit status 3: running "echo "cannot configure" >&2; exit 3":\n');
    expect(message).toMatch(/\n\s*cannot configure\n/);
    expect(message).not.toContain(password);
  });

  it('fails on a host that does not answer, naming its address and port', async () => {
    settings.unreachablePort = 1;
    const started = Date.now();
    const message = await stack.up().then(
      () => 'up succeeded',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/cannot connect to \S+@127\.0\.0\.1:1 after 4 failed attempts: connect ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(60_000);
    delete settings.unreachablePort;
  });

  it('runs the delete commands on destroy', async () => {
    const before = logOf('remote.log').length;
    const result = await stack.destroy();
    expect(result.summary.resourceChanges).toMatchObject({ delete: expect.any(Number) });
    expect(logOf('remote.log').slice(before)).toEqual(['delete']);
    expect(logOf('local.log').at(-1)).toBe('delete');
  });
});
