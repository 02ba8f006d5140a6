import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Debian packages a test needs on the machine, after an `apt-get update` when the lists are missing or stale. */
export function aptInstall(...packages: string[]): void {
  const apt = (...args: string[]) => execFileSync('apt-get', args, { stdio: 'pipe', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    apt('install', '-y', '--no-install-recommends', ...packages);
  } catch {
    apt('update');
    apt('install', '-y', '--no-install-recommends', ...packages);
  }
}

/** Every process below `pid`. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const below = (parent: number): number[] => table.filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

/**
 * SIGKILL for a process started with `detached: true` (a group of its own) and everything below it, found
 * before any is killed: the Pulumi CLI starts its plugins in process groups of their own.
 */
export function killProcessTree(pid: number): void {
  const victims = descendants(pid);
  for (const target of [-pid, ...victims]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone with its group
    }
  }
}
