import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { aptInstall, freePort } from '@hastack/host/testing';

const SSHD = '/usr/sbin/sshd';

/** An sshd of the test's own on 127.0.0.1, accepting one generated key for the current user. */
export interface LoopbackSshd {
  host: string;
  port: number;
  user: string;
  privateKey: string;
  /** The server's public key as an authorized_keys line, for `connection.hostKey`. */
  hostKey: string;
  /** Scratch directory the server's files live in; removed by `stop`. */
  dir: string;
  stop(): Promise<void>;
}

/** Debian 12 machines here may lack the server; installing it is the one setup step the tests take. */
function ensureSshdInstalled(): void {
  if (existsSync(SSHD)) return;
  aptInstall('openssh-server');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function generateKey(path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'loopback-sshd', '-f', path]);
}

function configFor(dir: string, port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    // The scratch directory lives under /tmp, whose permissions StrictModes would reject.
    'StrictModes no',
    'UsePAM no',
    // No AcceptEnv on purpose: the provider must not depend on SSH env requests.
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
    '',
  ].join('\n');
}

export async function startLoopbackSshd(): Promise<LoopbackSshd> {
  ensureSshdInstalled();
  // sshd refuses to start without its privilege-separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'loopback-sshd-'));
  generateKey(join(dir, 'host_key'));
  generateKey(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));

  const port = await freePort();
  writeFileSync(join(dir, 'sshd_config'), configFor(dir, port));
  const server: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  server.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

  for (let waited = 0; !(await accepts(port)); waited += 50) {
    if (server.exitCode !== null || waited > 10_000) {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`sshd did not start on 127.0.0.1:${port}: ${errors.trim()}`);
    }
    await sleep(50);
  }

  const [keyType, keyData] = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ');
  return {
    host: '127.0.0.1',
    port,
    user: userInfo().username,
    privateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    hostKey: `${keyType} ${keyData}`,
    dir,
    async stop() {
      server.kill();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
