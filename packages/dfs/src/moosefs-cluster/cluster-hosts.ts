import type * as pulumi from '@pulumi/pulumi';
import { Directory, FirewallRule, Host, OneOffStep, PackageRole, Packages, Service, SystemUser } from '@hastack/host';
import type { TierCheck } from '../checks';
import { dataOwnerStep } from './cluster-scripts';
import type { MooseFsClusterSettings } from './moosefs-cluster-args';

/** The account every MooseFS daemon runs as, on every distribution. */
export const MOOSEFS_USER = 'mfs';

/** Config files the daemons read as root at start and again as `mfs` on reload. */
export const daemonReadable = { owner: 'root', group: MOOSEFS_USER, mode: '0640' } as const;

export type Role = 'master' | 'metalogger' | 'chunkserver' | 'admin';

const rolePackages: Record<Role, PackageRole[]> = {
  master: ['moosefsMaster'],
  metalogger: ['moosefsMetalogger'],
  chunkserver: ['moosefsChunkserver'],
  // The client mounts the tree for administration (the goal) through the admin export.
  admin: ['moosefsClient'],
};

/** A host of the cluster with every role it has: a chunkserver may also be a metalogger, the master the admin. */
export interface ClusterHost {
  host: Host;
  roles: Set<Role>;
}

/** Each host once, the master's first. */
export function clusterHosts(settings: MooseFsClusterSettings): [ClusterHost, ...ClusterHost[]] {
  const master: ClusterHost = { host: settings.master, roles: new Set<Role>(['master']) };
  const byName = new Map<string, ClusterHost>([[master.host.name, master]]);
  const add = (host: Host, role: Role) => {
    const entry = byName.get(host.name) ?? { host, roles: new Set<Role>() };
    entry.roles.add(role);
    byName.set(host.name, entry);
  };
  for (const host of settings.metaloggers) add(host, 'metalogger');
  for (const host of settings.chunkservers) add(host, 'chunkserver');
  add(settings.adminHost, 'admin');
  const [, ...others] = byName.values();
  return [master, ...others];
}

/** What every role of the cluster is built with. */
export interface ClusterScope {
  /** The component: every child's parent. */
  parent: pulumi.Resource;
  /** The component's name, which every child's name starts with. */
  name: string;
  settings: MooseFsClusterSettings;
  /** The master's config folder, where every daemon's config is written. */
  configDir: string;
}

/** A host of the cluster with its packages installed; a host that runs a daemon also has its account and folders. */
export interface ClusterNode extends ClusterHost {
  /** The start of its children's names. */
  prefix: string;
  packages: Packages;
  daemon?: DaemonBase;
}

/** What a daemon on a host starts from: its data folder and chunk folders, owned by the daemons' user. */
export interface DaemonBase {
  dataPath: string;
  /** The chunk folders on a chunkserver; none elsewhere. */
  folders: Directory[];
  /** The data and chunk folders made the daemons' user's, once the packages are in. */
  owned: OneOffStep;
}

/** A daemon's host as each role builds on it. */
export type DaemonNode = ClusterNode & { daemon: DaemonBase };

/** What a role adds to its host: the running daemon, the ports it opens and what monitoring checks. */
export interface RoleParts {
  service: Service;
  firewallRules: FirewallRule[];
  checks: TierCheck[];
}

/** Whether a host runs a daemon, or only administers the tree through the client. */
export function runsDaemon({ roles }: ClusterHost): boolean {
  return [...roles].some((role) => role !== 'admin');
}

/** A host's packages for all its roles at once: for a host that only administers, the client alone. */
export function clusterNode(scope: ClusterScope, entry: ClusterHost): ClusterNode {
  if (runsDaemon(entry)) return daemonNode(scope, entry);
  const prefix = `${scope.name}-${entry.host.name}`;
  return { ...entry, prefix, packages: new Packages(`${prefix}-packages`, { host: entry.host, roles: packageRoles(entry) }, { parent: scope.parent }) };
}

/**
 * A daemon's host: its account and data folder, made before the packages install into it so that it
 * counts as the stack's and purgeData can remove it (others may pass through it but not list it: the
 * monitoring agent looks at the metalogger's copy by name); on a chunkserver, its chunk folders.
 */
export function daemonNode(scope: ClusterScope, entry: ClusterHost): DaemonNode {
  const { parent, settings } = scope;
  const { host, roles } = entry;
  const prefix = `${scope.name}-${host.name}`;
  const keepOnDestroy = !settings.purgeData;
  const dataPath = host.profile.paths.moosefsDataDir;
  const account = new SystemUser(`${prefix}-mfs-user`, { host, user: MOOSEFS_USER, home: dataPath }, { parent });
  const data = new Directory(
    `${prefix}-data`,
    { host, path: dataPath, owner: MOOSEFS_USER, group: MOOSEFS_USER, mode: '0751', keepOnDestroy },
    { parent, dependsOn: account },
  );
  const packages = new Packages(`${prefix}-packages`, { host, roles: packageRoles(entry) }, { parent, dependsOn: [data] });
  const chunkPaths = roles.has('chunkserver') ? settings.storage.map((folder) => folder.path) : [];
  const folders = chunkPaths.map(
    (path, i) =>
      new Directory(
        `${prefix}-chunks-${i}`,
        { host, path, owner: MOOSEFS_USER, group: MOOSEFS_USER, mode: '0750', keepOnDestroy },
        { parent, dependsOn: packages },
      ),
  );
  const owned = new OneOffStep(
    `${prefix}-data-owner`,
    { host, ...dataOwnerStep([dataPath, ...chunkPaths], MOOSEFS_USER) },
    { parent, dependsOn: [packages, ...folders] },
  );
  return { ...entry, prefix, packages, daemon: { dataPath, folders, owned } };
}

function packageRoles({ roles }: ClusterHost): PackageRole[] {
  return [...new Set([...roles].flatMap((role) => rolePackages[role]))];
}

export function isDaemonNode(node: ClusterNode): node is DaemonNode {
  return node.daemon !== undefined;
}
