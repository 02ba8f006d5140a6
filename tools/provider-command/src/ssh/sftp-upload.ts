import { readdir, stat } from 'node:fs/promises';
import { join as localJoin } from 'node:path';
import { posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';

export type RemoteKind = 'file' | 'directory' | 'missing';

// SFTP status code for "no such file" (SSH_FX_NO_SUCH_FILE).
const NO_SUCH_FILE = 2;

function perform(operation: (callback: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => operation((error) => (error ? reject(error) : resolve())));
}

export async function remoteKind(sftp: SFTPWrapper, path: string): Promise<RemoteKind> {
  try {
    const stats = await new Promise<Stats>((resolve, reject) => sftp.stat(path, (error, result) => (error ? reject(error) : resolve(result))));
    return stats.isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if ((error as { code?: number }).code === NO_SUCH_FILE) return 'missing';
    throw error;
  }
}

/** `mkdir -p` over SFTP. */
export async function makeDirectories(sftp: SFTPWrapper, path: string): Promise<void> {
  const kind = await remoteKind(sftp, path);
  if (kind === 'directory') return;
  if (kind === 'file') throw new Error(`${path} exists on the host and is not a directory`);
  const parent = posix.dirname(path);
  if (parent !== path) await makeDirectories(sftp, parent);
  await perform((callback) => sftp.mkdir(path, callback));
}

/** Copies a local file, keeping its permission bits (an uploaded script stays executable). */
export async function uploadFile(sftp: SFTPWrapper, localPath: string, remotePath: string): Promise<void> {
  const { mode } = await stat(localPath);
  await perform((callback) => sftp.fastPut(localPath, remotePath, callback));
  await perform((callback) => sftp.chmod(remotePath, mode & 0o7777, callback));
}

export async function uploadText(sftp: SFTPWrapper, text: string, remotePath: string): Promise<void> {
  await perform((callback) => sftp.writeFile(remotePath, text, callback));
}

/** Copies the contents of a local directory into a remote one, creating directories as needed. */
export async function uploadDirectory(sftp: SFTPWrapper, localDir: string, remoteDir: string): Promise<void> {
  await makeDirectories(sftp, remoteDir);
  for (const entry of await readdir(localDir, { withFileTypes: true })) {
    const from = localJoin(localDir, entry.name);
    const to = posix.join(remoteDir, entry.name);
    if (entry.isDirectory()) await uploadDirectory(sftp, from, to);
    else if (entry.isFile()) await uploadFile(sftp, from, to);
  }
}
