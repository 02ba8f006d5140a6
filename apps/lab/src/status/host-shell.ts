import { execFile } from 'node:child_process';
import type { InventoryHost } from '@hastack/inventory';

export interface ShellResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs a read-only command on an inventory host with the system's ssh client. Host keys are not pinned:
 * the inventory carries none, and these commands only read state.
 */
export function runOnHost(host: InventoryHost, command: string, timeoutMs = 20000): Promise<ShellResult> {
  const args = [
    '-i', host.privateKeyPath,
    '-p', String(host.port),
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'LogLevel=ERROR',
    '-o', 'ConnectTimeout=5',
    `${host.user}@${host.address}`,
    command,
  ];
  return new Promise((resolve) => {
    execFile('ssh', args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 255) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}
