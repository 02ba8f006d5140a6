import type * as pulumi from '@pulumi/pulumi';
import { inRange, isAbsolutePath, isIpv4, knownValue } from '@hastack/host';
import type { Host } from '@hastack/host';
import { isSize } from '../config/values';

/** MooseFS 3.0's fixed ports: the master listens on the first three, every chunkserver on the last. */
export const MooseFsPorts = {
  /** Master: metaloggers (and supervisors). */
  metalogger: 9419,
  /** Master: chunkservers. */
  chunkserver: 9420,
  /** Master: clients (mounts, `mfscli`). */
  client: 9421,
  /** Chunkserver: clients and other chunkservers (data and replication). */
  chunkData: 9422,
} as const;

/** Copies MooseFS can keep of a chunk: goals are 1..9. */
export const GoalRange = { min: 1, max: 9 } as const;

export interface StorageFolderArgs {
  /** Absolute path of a folder that holds chunks on every chunkserver; created owned by the daemon's user. */
  path: string;
  /**
   * Optional mfshdd.cfg space limit: a positive size is how much of the disk to use, a negative one how
   * much to leave free, e.g. "10GiB" or "-5GiB".
   */
  limit?: string;
}

export interface MooseFsClusterArgs {
  /** The metadata server (mfsmaster); every other daemon and every client reaches it by its address. */
  master: Host;
  /** Hosts that keep a live copy of the master's metadata and change logs (a chunkserver may hold one). */
  metaloggers?: Host[];
  /** Chunkservers; each gets the same rendered mfschunkserver.cfg and mfshdd.cfg. */
  chunkservers: Host[];
  /** Chunk folders, the same on every chunkserver ([{ path: "/srv/mfs/chunks" }]). */
  storage?: StorageFolderArgs[];
  /**
   * Addresses allowed to mount the exported tree read-write (usually the web hosts). Nothing else may
   * mount, apart from the master itself for administration.
   */
  clients: pulumi.Input<string>[];
  /**
   * The host that administers the tree (sets the goal) through a short-lived mount, and the one address
   * with the admin export: the master (default). It gets the MooseFS client and needs FUSE (/dev/fuse).
   */
  adminHost?: Host;
  /** Copies of every chunk kept on distinct chunkservers (2): the loss of goal-1 chunkservers loses no file. */
  goal?: number;
  /** Hours between the metaloggers' full metadata downloads (24); change logs stream continuously. 1..25. */
  metadataDownloadHours?: number;
  /** Space every chunkserver leaves free on each storage folder ("256MiB"). */
  leaveFreeSpace?: string;
  /**
   * Seconds the master's chunk loop waits at least between passes over all chunks (300). The loop finds
   * chunks under their goal and starts their replication; lower it on small clusters for faster repair.
   */
  chunkLoopSeconds?: number;
  /** Destroy also deletes the metadata, the metaloggers' copies and the chunks (false: they stay). */
  purgeData?: boolean;
}

/** Chunk folders when the args name none. */
export const DEFAULT_STORAGE: readonly StorageFolderArgs[] = [{ path: '/srv/mfs-chunks' }];

/** The args with every default in place: what the validator checks and the cluster is built from. */
export type MooseFsClusterSettings = Required<MooseFsClusterArgs>;

/**
 * Every default of the args, resolved here only. Safe on args the validator is about to refuse: it
 * reads no field of a host.
 */
export function mooseFsClusterSettings(args: MooseFsClusterArgs): MooseFsClusterSettings {
  return {
    ...args,
    metaloggers: args.metaloggers ?? [],
    storage: args.storage ?? [...DEFAULT_STORAGE],
    adminHost: args.adminHost ?? args.master,
    goal: args.goal ?? 2,
    metadataDownloadHours: args.metadataDownloadHours ?? 24,
    leaveFreeSpace: args.leaveFreeSpace ?? '256MiB',
    chunkLoopSeconds: args.chunkLoopSeconds ?? 300,
    purgeData: args.purgeData ?? false,
  };
}

function hostProblems(label: string, hosts: readonly Host[] | undefined): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  (hosts ?? []).forEach((host, i) => {
    if (seen.has(host.name)) problems.push(`${label}[${i}]: ${host.name} is listed twice`);
    seen.add(host.name);
  });
  return problems;
}

/**
 * Every problem with the args, each naming the argument. Runs before any resource is created; a
 * non-empty result is an error. Client addresses that are outputs are checked once they resolve.
 */
export function validateMooseFsClusterArgs(args: MooseFsClusterArgs): string[] {
  const problems: string[] = [];
  const settings = mooseFsClusterSettings(args);
  if (!args.master) problems.push('master: a master host is needed');
  const chunkservers = args.chunkservers ?? [];
  if (chunkservers.length === 0) problems.push('chunkservers: at least one chunkserver is needed');
  problems.push(...hostProblems('chunkservers', chunkservers), ...hostProblems('metaloggers', settings.metaloggers));
  const { goal } = settings;
  if (!Number.isInteger(goal) || !inRange(goal, GoalRange.min, GoalRange.max)) {
    problems.push(`goal: ${goal} is outside ${GoalRange.min}..${GoalRange.max}`);
  } else if (chunkservers.length > 0 && goal > chunkservers.length) {
    problems.push(`goal: ${goal} copies need at least ${goal} chunkservers, there are ${chunkservers.length}`);
  }
  if (settings.storage.length === 0) problems.push('storage: at least one folder is needed');
  const paths = new Set<string>();
  settings.storage.forEach((folder, i) => {
    if (!folder.path.startsWith('/')) problems.push(`storage[${i}].path: "${folder.path}" is not an absolute path`);
    else if (!isAbsolutePath(folder.path)) problems.push(`storage[${i}].path: "${folder.path}" may hold only letters, digits and . _ - / (no ..)`);
    if (paths.has(folder.path)) problems.push(`storage[${i}].path: ${folder.path} is listed twice`);
    paths.add(folder.path);
    if (folder.limit !== undefined && !isSize(folder.limit)) problems.push(`storage[${i}].limit: "${folder.limit}" is not a size like 10GiB or -5GiB`);
  });
  if (!isSize(settings.leaveFreeSpace) || settings.leaveFreeSpace.startsWith('-'))
    problems.push(`leaveFreeSpace: "${settings.leaveFreeSpace}" is not a size like 256MiB`);
  if ((args.clients ?? []).length === 0) problems.push('clients: at least one client address is needed');
  const clients = new Set<string>();
  (args.clients ?? []).forEach((input, i) => {
    const client = knownValue(input);
    if (client === undefined) return;
    if (!isIpv4(client)) problems.push(`clients[${i}]: "${client}" is not an IPv4 address`);
    if (clients.has(client)) problems.push(`clients[${i}]: ${client} is listed twice`);
    clients.add(client);
  });
  const hours = settings.metadataDownloadHours;
  if (!Number.isInteger(hours) || !inRange(hours, 1, 25))
    problems.push(`metadataDownloadHours: ${hours} is outside 1..25 (at most half the 50 change logs kept)`);
  const loop = settings.chunkLoopSeconds;
  if (!Number.isInteger(loop) || !inRange(loop, 1, 86400)) problems.push(`chunkLoopSeconds: ${loop} is outside 1..86400`);
  return problems;
}
