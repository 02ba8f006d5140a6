import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BOOTSTRAP_COMMAND, bootstrapRequest } from './exec-bootstrap';

// The exec request string goes through the remote login shell; try it through the ones found here.
const loginShells = ['/bin/sh', '/bin/bash', '/bin/dash', '/usr/bin/zsh'].filter(existsSync);

function runBootstrap(loginShell: string, request: Buffer) {
  const result = spawnSync(loginShell, ['-c', BOOTSTRAP_COMMAND], {
    input: request,
    // bash reads ~/.bashrc when stdin is a socket, as it is here; an empty HOME keeps the output clean.
    env: { PATH: process.env.PATH, SHELL: loginShell, HOME: tmpdir() },
  });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

describe.each(loginShells)('the exec bootstrap under %s', (loginShell) => {
  it('exports values byte for byte, whatever characters they hold', () => {
    const tricky = 'it\'s "quoted" $HOME `id` \\n \\ back\nnew line\n\n  spaced  \t\r\nlast';
    const request = bootstrapRequest('printf "%s|%s|%s" "$TRICKY" "$EMPTY" "$TRAILING"', {
      TRICKY: tricky,
      EMPTY: '',
      TRAILING: 'x\n',
    });
    expect(runBootstrap(loginShell, request)).toEqual({ status: 0, stdout: `${tricky}||x\n`, stderr: '' });
  });

  it('carries any environment and stdin through unchanged (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((value) => !value.includes('\0'));
    // Prefixed, so that no name is one the shell manages itself (PATH, UID, RANDOM, ...).
    const name = fc.stringMatching(/^[A-Za-z0-9_]{0,8}$/).map((suffix) => `V${suffix}`);
    fc.assert(
      fc.property(fc.dictionary(name, text, { maxKeys: 3 }), text, (environment, stdin) => {
        const names = Object.keys(environment);
        const printed = names.map((n) => `printf '%s\\0' "$${n}"`).join('; ');
        const result = runBootstrap(loginShell, bootstrapRequest(`${printed || 'true'}; cat`, environment, stdin));
        const expected = names.map((n) => `${environment[n]}\0`).join('') + stdin;
        expect(result.stdout).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('hands the rest of stdin to the command untouched', () => {
    const stdin = 'line one\nline two without newline';
    expect(runBootstrap(loginShell, bootstrapRequest('cat', {}, stdin)).stdout).toBe(stdin);
  });

  it('runs a multi-line command with the login shell and returns its exit status', () => {
    const result = runBootstrap(loginShell, bootstrapRequest('echo "$0" >&2\nexit 3', {}));
    expect(result).toEqual({ status: 3, stdout: '', stderr: `${loginShell}\n` });
  });

  it('starts the command without positional parameters and without the bootstrap helpers', () => {
    const request = bootstrapRequest('echo "[$#|$1]"; command -v hastack_lines || echo clean', {});
    expect(runBootstrap(loginShell, request).stdout).toBe('[0|]\nclean\n');
  });

  it('lets the command see variables named like the bootstrap own ones', () => {
    const request = bootstrapRequest('echo "$hastack_value $hastack_n"', { hastack_value: 'a', hastack_n: 'b' });
    expect(runBootstrap(loginShell, request).stdout).toBe('a b\n');
  });
});

describe('bootstrapRequest', () => {
  it('refuses names a shell cannot export', () => {
    expect(() => bootstrapRequest('true', { 'BAD-NAME': 'x' })).toThrow('invalid environment variable name "BAD-NAME"');
    expect(() => bootstrapRequest('true', { _: 'x' })).toThrow('invalid environment variable name "_"');
  });

  it('keeps the exec command string free of the request', () => {
    const request = bootstrapRequest('echo "$SECRET"', { SECRET: 'hunter22' }, 'stdin-data').toString();
    expect(BOOTSTRAP_COMMAND).not.toMatch(/hunter22|stdin-data|SECRET/);
    expect(request).toContain('hunter22');
  });
});
