import { ARCHIVE_SIGNATURE, ASSET_SIGNATURE, diffInputs, PropertyMap, reveal, SIGNATURE_KEY, UNKNOWN, type ResourceHandler } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ResourceLog } from './engine-log';
import { sftpSession } from './ssh/channels';
import type { ConnectionPool } from './ssh/connection-pool';
import { checkConnection, connectionSpec, describeConnection } from './ssh/connection-spec';
import { CopySource, planCopy } from './ssh/copy-plan';
import { makeDirectories, remoteKind, uploadDirectory, uploadFile, uploadText } from './ssh/sftp-upload';

export const COPY_TO_REMOTE_TYPE = 'command:remote:CopyToRemote';

const INPUT_KEYS = ['connection', 'source', 'remotePath', 'triggers'];

type Fields = Record<string, unknown>;

function checkSource(source: unknown): CheckFailure[] {
  if (source === UNKNOWN) return [];
  const fields = (typeof source === 'object' && source !== null ? source : {}) as Fields;
  const isPathOrText = typeof fields.path === 'string' || typeof fields.text === 'string';
  if (fields[SIGNATURE_KEY] === ASSET_SIGNATURE && isPathOrText) return [];
  if (fields[SIGNATURE_KEY] === ARCHIVE_SIGNATURE && typeof fields.path === 'string') return [];
  return [{ property: 'source', reason: 'source must be a FileAsset, a StringAsset or a FileArchive of a path' }];
}

/** What the source input designates on the local disk, read when the copy happens. */
async function copySource(source: Fields): Promise<CopySource> {
  if (typeof source.text === 'string') return { kind: 'text', text: source.text };
  const path = String(source.path);
  const isDirectory = (await stat(resolve(path))).isDirectory();
  // A trailing slash is kept: it asks for the contents of the directory rather than the directory.
  const absolute = resolve(path) + (path.endsWith('/') ? '/' : '');
  return { kind: isDirectory && source[SIGNATURE_KEY] === ARCHIVE_SIGNATURE ? 'directory' : 'file', path: absolute };
}

/**
 * `command:remote:CopyToRemote`: copies a file, a text or a directory to the host over SFTP, on the
 * connection the host's commands share. Deleting the resource leaves the copy in place, as upstream.
 */
export function copyToRemote(pool: ConnectionPool, log: ResourceLog): ResourceHandler {
  const copy = async (urn: string, wire: PropertyMap) => {
    const spec = connectionSpec(wire.connection);
    const remotePath = String(reveal(wire.remotePath));
    const source = await copySource(reveal(wire.source) as Fields);
    await pool.withConnection(
      spec,
      async (client) => {
        const sftp = await sftpSession(client);
        try {
          const plan = planCopy(source, remotePath, await remoteKind(sftp, remotePath));
          if (plan.action === 'directory') return await uploadDirectory(sftp, plan.from, plan.to);
          await makeDirectories(sftp, posix.dirname(plan.to));
          if (plan.action === 'file') await uploadFile(sftp, plan.from, plan.to);
          else await uploadText(sftp, plan.text, plan.to);
        } catch (error) {
          throw new Error(`copying to ${describeConnection(spec)}:${remotePath}: ${(error as Error).message}`);
        } finally {
          sftp.end();
        }
      },
      (message) => log.status(urn, message),
    );
  };

  return {
    async check(_urn, _olds, news) {
      const failures = [...checkConnection(news.connection), ...checkSource(reveal(news.source))];
      const remotePath = reveal(news.remotePath);
      if (remotePath !== UNKNOWN && (typeof remotePath !== 'string' || remotePath === '')) {
        failures.push({ property: 'remotePath', reason: 'remotePath is required' });
      }
      return { inputs: news, failures };
    },

    async diff(_id, _urn, olds, news) {
      return diffInputs(olds, news, INPUT_KEYS, ['triggers']);
    },

    async create(urn, wire) {
      await copy(urn, wire);
      return { id: randomBytes(4).toString('hex'), outs: wire };
    },

    async update(_id, urn, olds, news) {
      // A new connection alone copies nothing: the same file is already where it belongs.
      const sameCopy = ['source', 'remotePath'].every((key) => isDeepStrictEqual(reveal(olds[key]), reveal(news[key])));
      if (!sameCopy) await copy(urn, news);
      return { outs: news };
    },

    async delete() {},
  };
}
