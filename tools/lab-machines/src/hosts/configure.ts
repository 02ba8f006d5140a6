import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../exec';
import { LabHost } from '../topology/topology';
import { hostFiles } from './host-files';

/** Writes a host's identity into its (overlay) root: its files and SSH host keys of its own. */
export async function configureHostRoot(
  root: string,
  host: LabHost,
  allHosts: readonly LabHost[],
  access: { readonly authorizedKey: string; readonly aptSource: string },
): Promise<void> {
  const files = hostFiles(host, allHosts, { ...access, machineId: randomBytes(16).toString('hex') });
  for (const file of files) {
    const target = path.join(root, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
    fs.chmodSync(target, file.mode);
  }
  // sshd ignores authorized_keys in a folder others can write to.
  fs.chmodSync(path.join(root, 'root/.ssh'), 0o700);
  // -A makes every missing key type; the base has none, so each host gets its own.
  await run('ssh-keygen', ['-A', '-f', root]);
}

/** The host's public ed25519 host key, for the lab's known_hosts. */
export function hostPublicKey(root: string): string {
  const [type, key] = fs.readFileSync(path.join(root, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8').trim().split(/\s+/);
  return `${type} ${key}`;
}
