import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run, RunResult } from '../exec';
import type { InventoryHost } from '@hastack/inventory';
import { readInventory } from '../inventory/inventory';
import { readStranger } from '../inventory/stranger';
import { labPaths } from '../paths';

type SshTarget = Pick<InventoryHost, 'address' | 'port' | 'user' | 'privateKeyPath' | 'hostKey'>;

/** A host labSsh logs in to: an inventory entry, or the stranger, which the inventory leaves out. */
export type LabSshTarget = SshTarget & Pick<InventoryHost, 'name'>;

/** The lab's one client key, made once per clone; every host lets it log in as root. */
export async function ensureLabKey(privateKey: string): Promise<string> {
  if (!fs.existsSync(privateKey)) {
    fs.mkdirSync(path.dirname(privateKey), { recursive: true, mode: 0o700 });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'hastack-lab', '-f', privateKey]);
  }
  return fs.readFileSync(`${privateKey}.pub`, 'utf8');
}

/** Beside the key: lab:up writes every host's own host key there, so ssh checks whom it talks to. */
export function knownHostsFile(host: Pick<InventoryHost, 'privateKeyPath'>): string {
  return path.join(path.dirname(host.privateKeyPath), 'known_hosts');
}

export function knownHostsLines(hosts: readonly { readonly address: string; readonly publicKey: string }[]): string {
  return hosts.map((host) => `${host.address} ${host.publicKey}\n`).join('');
}

let hostKeyDir: string | undefined;
const hostKeyFiles = new Map<string, string>();

/**
 * What ssh checks the host's key against: the inventory's `hostKey`, the key the stack verifies too, else
 * the lab's known_hosts. Each key's file is written once, as rewriting it under a concurrent login fails that login.
 */
function knownHostsFor(host: SshTarget): string {
  if (!host.hostKey) return knownHostsFile(host);
  const line = knownHostsLines([{ address: host.address, publicKey: host.hostKey }]);
  let file = hostKeyFiles.get(line);
  if (file === undefined) {
    hostKeyDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'hastack-known-hosts-'));
    file = path.join(hostKeyDir, `host-${hostKeyFiles.size}`);
    fs.writeFileSync(file, line);
    hostKeyFiles.set(line, file);
  }
  return file;
}

export function sshArgs(host: SshTarget): string[] {
  return [
    '-i',
    host.privateKeyPath,
    '-p',
    String(host.port),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${knownHostsFor(host)}`,
    '-o',
    'ConnectTimeout=5',
    '-o',
    'LogLevel=ERROR',
    `${host.user}@${host.address}`,
  ];
}

export interface LabSshOptions {
  /** How long the command may run before ssh is killed; default LabSshTimeoutMs. */
  readonly timeoutMs?: number;
  /** Written to the command's stdin: the way for secrets, which a command line would show in `ps`. */
  readonly input?: string;
}

/** A probe that hangs on one host must not hang the status or the test that asked. */
const LabSshTimeoutMs = 20_000;

/**
 * Runs a shell command on a lab host (by name, inventory entry or `labStranger()`) as root, with the lab's key.
 * Resolves with the command's exit code, or 255 when ssh failed (no login, a wrong host key) or was killed at the timeout.
 */
export function labSsh(host: string | LabSshTarget, command: string, options: LabSshOptions = {}): Promise<RunResult> {
  const target = typeof host === 'string' ? findHost(host) : host;
  const args = ['-o', 'BatchMode=yes', ...sshArgs(target), '--', command];
  return new Promise((resolve) => {
    const child = execFile('ssh', args, { timeout: options.timeoutMs ?? LabSshTimeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : 255) : 0 });
    });
    // ssh that cannot log in exits without reading its input, which closes the pipe (EPIPE): its 255 says so.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** labSsh for callers that cannot go on without the command: a non-zero exit throws with its output. */
export async function labSshOrThrow(host: LabSshTarget, command: string, options?: LabSshOptions): Promise<string> {
  const result = await labSsh(host, command, options);
  if (result.code !== 0) throw new Error(`${host.name}: \`${command}\` exited ${result.code}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

export function findHost(name: string): LabSshTarget {
  const inventory = readInventory();
  const stranger = readStranger(labPaths().stranger);
  const host = [...inventory.hosts, ...(stranger ? [stranger] : [])].find((candidate) => candidate.name === name);
  if (!host) {
    throw new Error(`no lab host "${name}": the lab has ${inventory.hosts.map((h) => h.name).join(', ')}${stranger ? ` and ${stranger.name}` : ''}`);
  }
  return host;
}

/**
 * Waits until the host takes SSH logins and systemd has finished booting it; returns the state systemd
 * reports (`running`, or `degraded` when a unit failed).
 */
export async function waitForBoot(host: LabSshTarget, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await labSsh(host, 'systemctl is-system-running --wait', { timeoutMs });
    const state = result.stdout.trim();
    // is-system-running exits non-zero for `degraded` too: the boot has ended, it just went wrong somewhere.
    if (result.code !== 255 && state !== '') {
      return state;
    }
    if (Date.now() > deadline) {
      throw new Error(`${host.name} (${host.address}) did not take SSH logins within ${timeoutMs / 1000} s: ${result.stderr.trim()}`);
    }
    await sleep(1000);
  }
}
