import { Socket } from 'node:net';
import type { InventoryHost } from '@hastack/inventory';

function probe(host: InventoryHost, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (problem?: string) => {
      socket.destroy();
      resolve(problem && `host "${host.name}" (${host.address}:${host.port}) is unreachable: ${problem}`);
    };
    socket.setTimeout(timeoutMs, () => finish(`no answer within ${timeoutMs} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.connect(host.port, host.address, () => finish());
  });
}

/**
 * Dials every host's SSH port at once, so that an unreachable host stops the run with its name and
 * address before anything is changed anywhere.
 */
export async function checkReachable(hosts: readonly InventoryHost[], timeoutMs = 5000): Promise<void> {
  const problems = (await Promise.all(hosts.map((host) => probe(host, timeoutMs)))).filter((p): p is string => !!p);
  if (problems.length) throw new Error(problems.join('\n'));
}
