import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as auto from '@pulumi/pulumi/automation';
import { recoverInterruptedUpdate, RecoverableStack, stackLocksDir } from './interrupted-update';

const URN = 'urn:pulumi:lab::hastack::hastack:host:ConfigFile$command:remote:Command::web1-site-write';

/** A stack whose state and calls are plain values. */
function fakeStack(pending: unknown[]) {
  const calls: string[] = [];
  let state: auto.Deployment = { version: 3, deployment: { resources: [{ urn: 'x' }], pending_operations: pending } };
  const stack: RecoverableStack & { calls: string[]; state: () => auto.Deployment } = {
    name: 'lab',
    calls,
    state: () => state,
    exportStack: async () => state,
    importStack: async (imported) => {
      calls.push('import');
      state = imported;
    },
    cancel: async () => {
      calls.push('cancel');
    },
  };
  return stack;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim());
}

/** A child that has exited and that nobody reaps (as under an init that reaps late): a zombie, until `reap`. */
async function zombiePid(): Promise<{ pid: number; reap: () => void }> {
  // The shell becomes `sleep` (exec keeps the pid), which never waits for the child it inherits; the child
  // outlives the exec by a moment so that the shell cannot reap it first.
  const parent = spawn('bash', ['-c', 'sh -c "sleep 0.3" & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const reap = () => parent.kill('SIGKILL');
  const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  const deadline = Date.now() + 5000;
  while (!/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) {
    if (Date.now() > deadline) {
      reap();
      throw new Error(`process ${pid} did not become a zombie`);
    }
    await sleep(20);
  }
  return { pid, reap };
}

function locksWith(...locks: { pid: number; hostname: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'locks-'));
  locks.forEach((lock, index) => writeFileSync(join(dir, `${index}.json`), JSON.stringify({ ...lock, username: 'root', timestamp: '2026-01-01T00:00:00Z' })));
  return dir;
}

describe('recoverInterruptedUpdate', () => {
  it('drops the pending operations from the state, says so in one line, and keeps the rest', async () => {
    const stack = fakeStack([{ type: 'creating', resource: { urn: URN } }]);
    const lines: string[] = [];
    const recovery = await recoverInterruptedUpdate(stack, undefined, (line) => lines.push(line));
    expect(recovery.pendingOperations).toEqual([`creating ${URN}`]);
    expect(stack.state().deployment).toEqual({ resources: [{ urn: 'x' }], pending_operations: [] });
    expect(lines).toEqual(['cleared 1 operation(s) an interrupted update left pending in stack "lab" (creating web1-site-write); this update runs them again']);
  });

  it('changes nothing in a stack left in order', async () => {
    const stack = fakeStack([]);
    const lines: string[] = [];
    expect(await recoverInterruptedUpdate(stack, locksWith(), (line) => lines.push(line))).toEqual({ staleLocks: [], pendingOperations: [] });
    expect([...stack.calls, ...lines]).toEqual([]);
  });

  it('removes a lock whose process is gone from this machine', async () => {
    const stack = fakeStack([]);
    const lines: string[] = [];
    const recovery = await recoverInterruptedUpdate(stack, locksWith({ pid: deadPid(), hostname: hostname() }), (line) => lines.push(line));
    expect(stack.calls).toEqual(['cancel']);
    expect(recovery.staleLocks).toHaveLength(1);
    expect(lines[0]).toMatch(/^removed the lock of stack "lab" left by an update that is no longer running \(pid \d+, /);
  });

  it('removes a lock whose process was killed and not yet reaped (a zombie)', async () => {
    const stack = fakeStack([]);
    const zombie = await zombiePid();
    try {
      expect((await recoverInterruptedUpdate(stack, locksWith({ pid: zombie.pid, hostname: hostname() }), () => undefined)).staleLocks).toHaveLength(1);
    } finally {
      zombie.reap();
    }
  });

  it.each([
    ['a live process', { pid: process.pid, hostname: hostname() }],
    ['another machine', { pid: 1, hostname: `not-${hostname()}` }],
  ])('leaves a lock held by %s, and with it every other lock', async (_, live) => {
    const stack = fakeStack([]);
    const dir = locksWith({ pid: deadPid(), hostname: hostname() }, live);
    expect((await recoverInterruptedUpdate(stack, dir, () => undefined)).staleLocks).toEqual([]);
    expect(stack.calls).toEqual([]);
  });
});

describe('stackLocksDir', () => {
  it("is the file backend's lock folder of the stack", () => {
    expect(stackLocksDir('file:///work/main/.pulumi-state', 'hastack', 'lab')).toBe('/work/main/.pulumi-state/.pulumi/locks/organization/hastack/lab');
  });

  it('is none for another backend', () => {
    expect(stackLocksDir('s3://bucket', 'hastack', 'lab')).toBeUndefined();
    expect(stackLocksDir(undefined, 'hastack', 'lab')).toBeUndefined();
  });
});
