import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run, RunResult } from '../exec';
import type { InventoryHost } from '@hastack/inventory';
import { readInventory } from '../inventory/inventory';

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

export function sshArgs(host: Pick<InventoryHost, 'address' | 'port' | 'user' | 'privateKeyPath'>): string[] {
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
    `UserKnownHostsFile=${knownHostsFile(host)}`,
    '-o',
    'ConnectTimeout=5',
    '-o',
    'LogLevel=ERROR',
    `${host.user}@${host.address}`,
  ];
}

/** Runs a shell command on a lab host (by name or inventory entry) as root, with the lab's key. */
export async function labSsh(host: string | InventoryHost, command: string): Promise<RunResult> {
  const target = typeof host === 'string' ? findHost(host) : host;
  return run('ssh', ['-o', 'BatchMode=yes', ...sshArgs(target), '--', command], { allowFailure: true });
}

export function findHost(name: string): InventoryHost {
  const inventory = readInventory();
  const host = inventory.hosts.find((candidate) => candidate.name === name);
  if (!host) {
    throw new Error(`no lab host "${name}": the lab has ${inventory.hosts.map((h) => h.name).join(', ')}`);
  }
  return host;
}

/**
 * Waits until the host takes SSH logins and systemd has finished booting it; returns the state systemd
 * reports (`running`, or `degraded` when a unit failed).
 */
export async function waitForBoot(host: InventoryHost, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await run('ssh', ['-o', 'BatchMode=yes', ...sshArgs(host), '--', 'systemctl is-system-running --wait'], {
      allowFailure: true,
    });
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
