import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as auto from '@pulumi/pulumi/automation';
import { SECRET_MARKER, tinyProgram } from '../fixtures/tiny-program/program';

const programDir = resolve(__dirname, '../fixtures/tiny-program');
const backendDir = mkdtempSync(join(tmpdir(), 'engine-backend-'));
const backend = `file://${backendDir}`;
const env = { ...process.env, PULUMI_BACKEND_URL: backend, PULUMI_CONFIG_PASSPHRASE: 'engine-test' };

function pulumiCli(args: string[]): string {
  return execFileSync('pulumi', [...args, '--non-interactive', '--color', 'never'], { cwd: programDir, env, encoding: 'utf8' });
}

describe('the Pulumi CLI built from the module proxy', () => {
  it('prints its version', () => {
    expect(pulumiCli(['version']).trim()).toMatch(/^v3\.\d+\.\d+$/);
  });

  it('previews, updates, finds nothing to change, keeps the secret encrypted and destroys a program', () => {
    pulumiCli(['stack', 'init', 'cli', '--secrets-provider', 'passphrase']);
    expect(pulumiCli(['preview', '--stack', 'cli'])).toMatch(/\+ 2 to create/);
    expect(pulumiCli(['up', '--yes', '--stack', 'cli'])).toMatch(/2 created/);
    expect(pulumiCli(['up', '--yes', '--stack', 'cli', '--expect-no-changes'])).toMatch(/2 unchanged/);
    expect(pulumiCli(['stack', 'output', 'greeting', '--stack', 'cli']).trim()).toBe('hello, engine');
    const state = pulumiCli(['stack', 'export', '--stack', 'cli']);
    expect(state).toContain('"ciphertext"');
    expect(state).not.toContain(SECRET_MARKER);
    expect(pulumiCli(['destroy', '--yes', '--stack', 'cli', '--remove'])).toMatch(/2 deleted/);
  });
});

describe('the Automation API with an inline program', () => {
  it('runs the same lifecycle without a language host', async () => {
    // Only the CLI is reachable: the language host next to it is left off PATH.
    const cliRoot = mkdtempSync(join(tmpdir(), 'engine-cli-only-'));
    mkdirSync(join(cliRoot, 'bin'));
    symlinkSync(execFileSync('which', ['pulumi'], { encoding: 'utf8' }).trim(), join(cliRoot, 'bin', 'pulumi'));
    const engineBin = String(process.env.HASTACK_ENGINE_BIN);
    const path = [
      join(cliRoot, 'bin'),
      ...String(process.env.PATH)
        .split(':')
        .filter((dir) => dir !== engineBin),
    ].join(':');
    const pulumiCommand = await auto.PulumiCommand.get({ root: cliRoot });
    const stack = await auto.LocalWorkspace.createOrSelectStack(
      { projectName: 'tiny', stackName: 'automation', program: async () => tinyProgram() },
      {
        pulumiCommand,
        envVars: { PATH: path, PULUMI_BACKEND_URL: backend, PULUMI_CONFIG_PASSPHRASE: 'engine-test' },
        secretsProvider: 'passphrase',
      },
    );
    const preview = await stack.preview();
    expect(preview.changeSummary.create).toBe(2);
    const first = await stack.up();
    expect(first.summary.resourceChanges).toEqual({ create: 2 });
    expect(first.outputs.secret).toEqual({ value: SECRET_MARKER, secret: true });
    const second = await stack.up();
    expect(second.summary.resourceChanges).toEqual({ same: 2 });
    // The Automation API's exportStack shows secrets; what is stored is the backend's own file.
    const stored = readFileSync(join(backendDir, '.pulumi/stacks/tiny/automation.json'), 'utf8');
    expect(stored).toContain('"ciphertext"');
    expect(stored).not.toContain(SECRET_MARKER);
    const destroyed = await stack.destroy();
    expect(destroyed.summary.resourceChanges).toEqual({ delete: 2 });
    await stack.workspace.removeStack('automation');
  });
});
