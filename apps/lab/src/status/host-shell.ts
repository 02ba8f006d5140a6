import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InventoryHost } from '@hastack/inventory';

export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number;
}

let knownHostsDir: string | undefined;

/** ssh options that check the host key the inventory gives; without one, the key is taken on trust. */
function hostKeyOptions(host: InventoryHost): string[] {
  if (!host.hostKey) return ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'];
  knownHostsDir ??= mkdtempSync(join(tmpdir(), 'hastack-known-hosts-'));
  const knownHosts = join(knownHostsDir, host.address);
  writeFileSync(knownHosts, `${host.address} ${host.hostKey}\n`);
  return ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`];
}

/** Runs a command on an inventory host with the system's ssh client; `input` goes to its stdin. */
export function runOnHost(host: InventoryHost, command: string, timeoutMs = 20000, input?: string): Promise<ShellResult> {
  const args = [
    '-i', host.privateKeyPath,
    '-p', String(host.port),
    '-o', 'BatchMode=yes',
    '-o', 'LogLevel=ERROR',
    '-o', 'ConnectTimeout=5',
    ...hostKeyOptions(host),
    `${host.user}@${host.address}`,
    command,
  ];
  return new Promise((resolve) => {
    const child = execFile('ssh', args, { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 255) : 0;
      resolve({ stdout, stderr, code });
    });
    child.stdin?.end(input ?? '');
  });
}

/** runOnHost for callers that cannot go on without the command: a non-zero exit throws with its output. */
export async function runOnHostOrThrow(host: InventoryHost, command: string): Promise<string> {
  const result = await runOnHost(host, command);
  if (result.code !== 0) throw new Error(`${host.name}: \`${command}\` exited ${result.code}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}
