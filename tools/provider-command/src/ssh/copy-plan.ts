import { posix } from 'node:path';
import type { RemoteKind } from './sftp-upload';

/** What CopyToRemote can copy: a file or a text (assets), a file or a directory (path archives). */
export type CopySource = { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'directory'; path: string };

export type CopyPlan =
  { action: 'file'; from: string; to: string } | { action: 'text'; text: string; to: string } | { action: 'directory'; from: string; to: string };

/**
 * Where the source lands, following upstream: a file into an existing directory keeps its name, else
 * it becomes `remotePath`; a directory is copied into `remotePath/<its name>`, or, when the source path
 * ends in `/`, its contents go straight into `remotePath`.
 */
export function planCopy(source: CopySource, remotePath: string, target: RemoteKind): CopyPlan {
  switch (source.kind) {
    case 'text':
      if (target === 'directory') {
        throw new Error(`remotePath ${remotePath} is a directory; a StringAsset needs the path of a file`);
      }
      return { action: 'text', text: source.text, to: remotePath };
    case 'file':
      return {
        action: 'file',
        from: source.path,
        to: target === 'directory' ? posix.join(remotePath, posix.basename(source.path)) : remotePath,
      };
    case 'directory':
      if (target === 'file') throw new Error(`remotePath ${remotePath} is a file; a directory cannot be copied onto it`);
      return {
        action: 'directory',
        from: source.path,
        to: source.path.endsWith('/') ? remotePath : posix.join(remotePath, posix.basename(source.path)),
      };
  }
}
