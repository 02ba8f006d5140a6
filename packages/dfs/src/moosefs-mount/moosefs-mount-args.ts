import type * as pulumi from '@pulumi/pulumi';
import type { Host } from '@hastack/host';
import { isPlainAbsolutePath } from '../config/values';

export interface MooseFsMountArgs {
  /** The client host (a web server). Its address must be one of the cluster's `clients`. */
  host: Host;
  /** The master's address: the cluster's `masterAddress` output. */
  master: pulumi.Input<string>;
  /** The master's client port (9421). */
  port?: pulumi.Input<number>;
  /** Where the tree is mounted ("/srv/shared"). */
  where?: string;
  /** Folder of the MooseFS tree to mount ("/", the whole exported tree); it must exist. */
  subfolder?: string;
  /**
   * Seconds one file operation waits for the master or a chunkserver before it fails with EIO (mfsmount's
   * `mfstimeout`). Unset, it waits for as long as they are away, as mfsmount does by default; a web server
   * wants a bound, so that a page shows an error instead of holding its worker until the master is back.
   */
  ioTimeoutSeconds?: number;
  /** Extra mfsmount options, e.g. ["mfscachemode=AUTO"]; `_netdev` and the retries come with the unit. */
  options?: string[];
}

/** Every problem with the args, each naming the argument; runs before anything is created. */
export function validateMooseFsMountArgs(args: MooseFsMountArgs): string[] {
  const problems: string[] = [];
  if (!args.host) problems.push('host: a client host is needed');
  if (args.master === undefined || args.master === '') problems.push('master: the master address is needed');
  const where = args.where ?? '/srv/shared';
  if (!where.startsWith('/') || where === '/') problems.push(`where: "${where}" is not an absolute path below /`);
  else if (!isPlainAbsolutePath(where)) problems.push(`where: "${where}" may hold only letters, digits and . _ - / (no ..)`);
  const subfolder = args.subfolder ?? '/';
  if (!subfolder.startsWith('/')) problems.push(`subfolder: "${subfolder}" is not an absolute path in the MooseFS tree`);
  else if (subfolder !== '/' && !isPlainAbsolutePath(subfolder)) problems.push(`subfolder: "${subfolder}" may hold only letters, digits and . _ - / (no ..)`);
  if (args.ioTimeoutSeconds !== undefined && !(Number.isInteger(args.ioTimeoutSeconds) && args.ioTimeoutSeconds >= 1 && args.ioTimeoutSeconds <= 3600)) {
    problems.push(`ioTimeoutSeconds: ${args.ioTimeoutSeconds} is not a whole number of seconds from 1 to 3600`);
  }
  (args.options ?? []).forEach((option, i) => {
    if (!/^[A-Za-z0-9_]+(=[A-Za-z0-9_.:/+-]+)?$/.test(option)) problems.push(`options[${i}]: "${option}" is not a plain mount option`);
  });
  return problems;
}
