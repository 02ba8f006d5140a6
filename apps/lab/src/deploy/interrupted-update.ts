import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as auto from '@pulumi/pulumi/automation';

/** What recovery needs of an Automation API stack (a narrower type, so that tests can stand in for one). */
export type RecoverableStack = Pick<auto.Stack, 'name' | 'exportStack' | 'importStack' | 'cancel'>;

interface LockContent {
  pid: number;
  hostname: string;
  timestamp: string;
}

/** What an interrupted update had left, and recovery cleared. */
export interface Recovery {
  /** The locks it removed: those of updates whose process is gone, when no live one holds the stack. */
  staleLocks: LockContent[];
  /** `<operation> <urn>` of each operation the state still had pending. */
  pendingOperations: string[];
}

/**
 * The folder where a file backend keeps a stack's locks (`.pulumi/locks/organization/<project>/<stack>`);
 * undefined for any other backend, whose locks are not files here.
 */
export function stackLocksDir(backendUrl: string | undefined, project: string, stack: string): string | undefined {
  if (!backendUrl?.startsWith('file://')) return undefined;
  return join(fileURLToPath(backendUrl), '.pulumi', 'locks', 'organization', project, stack);
}

/** A killed process whose parent has not reaped it yet (an init that reaps late, in a container) is gone too. */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !zombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLocks(dir: string | undefined): LockContent[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as LockContent);
}

/**
 * Makes a stack whose last update was killed half-way (SIGKILL, a lost machine) deployable again, as
 * the Pulumi CLI leaves it for a human to repair:
 *
 * - its lock, when the process that took it is gone from this machine: the file backend's locks are
 *   files, and `pulumi cancel` removes them. A lock held by a live process, or taken on another machine,
 *   is left alone, and the update that follows stops on it with Pulumi's own message.
 * - the operations its state still marks pending (a create, update or delete that started and never
 *   reported back): dropped from the state. The steps of the project's command provider are idempotent
 *   (a file write, an install, a check before acting), so the next update simply runs them again; a
 *   pending create that did happen is created once more, over what it left.
 *
 * Prints one line for each thing it clears, and returns them.
 */
export async function recoverInterruptedUpdate(stack: RecoverableStack, locksDir: string | undefined, log: (line: string) => void): Promise<Recovery> {
  const locks = readLocks(locksDir);
  const stale = locks.filter((lock) => lock.hostname === hostname() && !processAlive(lock.pid));
  const staleLocks = stale.length === locks.length ? stale : [];
  if (staleLocks.length > 0) {
    await stack.cancel();
    const holders = staleLocks.map((lock) => `pid ${lock.pid}, ${lock.timestamp}`).join('; ');
    log(`removed the lock of stack "${stack.name}" left by an update that is no longer running (${holders})`);
  }
  const state = await stack.exportStack();
  const pending = (state.deployment?.pending_operations ?? []) as { type: string; resource: { urn: string } }[];
  const pendingOperations = pending.map((operation) => `${operation.type} ${operation.resource.urn}`);
  if (pending.length > 0) {
    await stack.importStack({ ...state, deployment: { ...state.deployment, pending_operations: [] } });
    const what = pending.map((operation) => `${operation.type} ${operation.resource.urn.split('::').pop()}`).join(', ');
    log(`cleared ${pending.length} operation(s) an interrupted update left pending in stack "${stack.name}" (${what}); this update runs them again`);
  }
  return { staleLocks, pendingOperations };
}

/** The locks folder of a stack of a LocalWorkspace, from its project's backend or PULUMI_BACKEND_URL. */
export async function locksDirOf(stack: auto.Stack): Promise<string | undefined> {
  const project = await stack.workspace.projectSettings();
  return stackLocksDir(project.backend?.url ?? process.env.PULUMI_BACKEND_URL, project.name, stack.name);
}
