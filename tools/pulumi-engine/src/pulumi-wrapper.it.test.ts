import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const wrapper = resolve(__dirname, '../bin/pulumi');

// A stand-in for the built CLI that prints the setting it was started with and its arguments.
const engineBin = mkdtempSync(join(tmpdir(), 'engine-bin-'));
writeFileSync(join(engineBin, 'pulumi'), '#!/bin/sh\necho "${PULUMI_SKIP_CHECKPOINTS:-unset} $*"\n');
chmodSync(join(engineBin, 'pulumi'), 0o755);

function run(args: string[], extraEnv: Record<string, string> = {}): string {
  const env: NodeJS.ProcessEnv = { ...process.env, HASTACK_ENGINE_BIN: engineBin };
  delete env.PULUMI_SKIP_CHECKPOINTS;
  Object.assign(env, extraEnv);
  return execFileSync(wrapper, args, { env, encoding: 'utf8' }).trim();
}

describe("the project's pulumi command", () => {
  it('skips checkpoints for a preview only, whatever global flags come first', () => {
    expect(run(['preview', '--stack', 'x'])).toBe('true preview --stack x');
    expect(run(['-C', '/tmp', '--color', 'never', 'preview'])).toBe('true -C /tmp --color never preview');
    expect(run(['up', '--stack', 'preview'])).toBe('unset up --stack preview');
    expect(run(['--cwd', 'preview', 'destroy'])).toBe('unset --cwd preview destroy');
    expect(run(['version'])).toBe('unset version');
  });

  it("leaves the user's own setting alone", () => {
    expect(run(['preview'], { PULUMI_SKIP_CHECKPOINTS: 'false' })).toBe('false preview');
  });
});
