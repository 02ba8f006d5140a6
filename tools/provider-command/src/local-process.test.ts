import { CommandRun } from './command-run';
import { ResourceLog } from './engine-log';
import { localRunner } from './local-process';

const shell = { interpreter: ['/bin/sh', '-c'] };
const quiet: ResourceLog = { status: jest.fn(), warning: jest.fn() };

function runOf(command: string, extra: Partial<CommandRun> = {}): CommandRun {
  return { urn: 'urn:test', command, environment: {}, logging: 'none', sensitive: [], ...extra };
}

describe('localRunner', () => {
  it('captures stdout and stderr separately, each without its trailing newline', async () => {
    await expect(localRunner(shell, quiet)(runOf('echo out; echo err >&2'))).resolves.toEqual({
      stdout: 'out',
      stderr: 'err',
    });
  });

  it('adds the environment to the provider environment and feeds stdin', async () => {
    const run = runOf('printf "%s %s " "$GREETING" "$HOME"; cat', { environment: { GREETING: 'hi' }, stdin: 'in' });
    await expect(localRunner(shell, quiet)(run)).resolves.toEqual({
      stdout: `hi ${process.env.HOME} in`,
      stderr: '',
    });
  });

  it('runs in the given directory', async () => {
    await expect(localRunner({ ...shell, dir: '/tmp' }, quiet)(runOf('pwd'))).resolves.toMatchObject({
      stdout: '/tmp',
    });
  });

  it('fails with the exit status and stderr, masking sensitive values', async () => {
    const run = runOf('echo "no access for $TOKEN" >&2; exit 3', {
      environment: { TOKEN: 'tok-123456' },
      sensitive: ['tok-123456'],
    });
    await expect(localRunner(shell, quiet)(run)).rejects.toThrow('exit status 3: running "echo "no access for $TOKEN" >&2; exit 3":\nno access for [secret]');
  });

  it('fails when the interpreter cannot be started', async () => {
    await expect(localRunner({ interpreter: ['/nonexistent/sh'] }, quiet)(runOf('true'))).rejects.toThrow(/could not start \/nonexistent\/sh/);
  });

  it('does not wait for a background child that keeps the output open', async () => {
    const started = Date.now();
    await expect(localRunner(shell, quiet)(runOf('sleep 5 & echo started'))).resolves.toMatchObject({
      stdout: 'started',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('logs output lines as the logging input asks', async () => {
    const log: ResourceLog = { status: jest.fn(), warning: jest.fn() };
    await localRunner(shell, log)(runOf('echo a; echo b >&2', { logging: 'stderr' }));
    expect(log.status).toHaveBeenCalledTimes(1);
    expect(log.status).toHaveBeenCalledWith('urn:test', 'b');
  });
});
