import type * as pulumi from '@pulumi/pulumi';
import { inRange, isAbsolutePath } from '@hastack/host';
import type { Host } from '@hastack/host';
import { MooseFsPorts } from '../moosefs-cluster/moosefs-cluster-args';

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

/** The args with every default in place: what the validator checks and the mount is built from. */
export type MooseFsMountSettings = MooseFsMountArgs & Required<Pick<MooseFsMountArgs, 'port' | 'where' | 'subfolder' | 'options'>>;

/** Every default of the args, resolved here only. */
export function mooseFsMountSettings(args: MooseFsMountArgs): MooseFsMountSettings {
  return { ...args, port: args.port ?? MooseFsPorts.client, where: args.where ?? '/srv/shared', subfolder: args.subfolder ?? '/', options: args.options ?? [] };
}

/** Every problem with the args, each naming the argument; runs before anything is created. */
export function validateMooseFsMountArgs(args: MooseFsMountArgs): string[] {
  const problems: string[] = [];
  const { where, subfolder, options } = mooseFsMountSettings(args);
  if (!args.host) problems.push('host: a client host is needed');
  if (args.master === undefined || args.master === '') problems.push('master: the master address is needed');
  if (!where.startsWith('/') || where === '/') problems.push(`where: "${where}" is not an absolute path below /`);
  else if (!isAbsolutePath(where)) problems.push(`where: "${where}" may hold only letters, digits and . _ - / (no ..)`);
  if (!subfolder.startsWith('/')) problems.push(`subfolder: "${subfolder}" is not an absolute path in the MooseFS tree`);
  else if (subfolder !== '/' && !isAbsolutePath(subfolder)) problems.push(`subfolder: "${subfolder}" may hold only letters, digits and . _ - / (no ..)`);
  if (args.ioTimeoutSeconds !== undefined && !(Number.isInteger(args.ioTimeoutSeconds) && inRange(args.ioTimeoutSeconds, 1, 3600))) {
    problems.push(`ioTimeoutSeconds: ${args.ioTimeoutSeconds} is not a whole number of seconds from 1 to 3600`);
  }
  options.forEach((option, i) => {
    if (!/^[A-Za-z0-9_]+(=[A-Za-z0-9_.:/+-]+)?$/.test(option)) problems.push(`options[${i}]: "${option}" is not a plain mount option`);
  });
  return problems;
}
