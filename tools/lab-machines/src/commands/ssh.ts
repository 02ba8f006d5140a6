import { spawn } from 'node:child_process';
import { findHost, sshArgs } from '../ssh/ssh';

/** An SSH session on a lab host, interactive when no command is given; resolves to ssh's exit code. */
export function ssh(hostName: string, command: readonly string[]): Promise<number> {
  const host = findHost(hostName);
  const interactive = command.length === 0 && process.stdin.isTTY;
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', [...(interactive ? ['-t'] : []), ...sshArgs(host), ...(command.length ? ['--', ...command] : [])], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
