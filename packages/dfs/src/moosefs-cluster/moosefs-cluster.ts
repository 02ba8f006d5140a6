import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { conditionCheck, ConfigFile, ConfigFileSet, Directory, firewallFor, FirewallRule, Host, OneOffStep, PackageRole, Packages, Service, shellQuote, SystemUser, unitCheck } from '@hastack/host';
import type { TierCheck } from '../checks';
import { chunkserversConnectedCommand, freeSpaceCommand, noUndergoalCommand } from '../mfscli';
import { dataOwnerStep, goalStep, masterConfigCheck, metadataInitStep, storageCheck } from './cluster-scripts';
import { MooseFsClusterArgs, MooseFsPorts, StorageFolderArgs, validateMooseFsClusterArgs } from './moosefs-cluster-args';
import { renderChunkserverCfg } from './render-chunkserver-cfg';
import { renderExportsCfg } from './render-exports-cfg';
import { renderHddCfg } from './render-hdd-cfg';
import { renderMasterCfg } from './render-master-cfg';
import { METALOGGER_METADATA_FILE, renderMetaloggerCfg } from './render-metalogger-cfg';

/** The account every MooseFS daemon runs as, on every distribution. */
export const MOOSEFS_USER = 'mfs';

/** Chunk folders when the args name none. */
export const DEFAULT_STORAGE: readonly StorageFolderArgs[] = [{ path: '/srv/mfs-chunks' }];

type Role = 'master' | 'metalogger' | 'chunkserver' | 'admin';

const rolePackages: Record<Role, PackageRole[]> = {
  master: ['moosefsMaster'],
  metalogger: ['moosefsMetalogger'],
  chunkserver: ['moosefsChunkserver'],
  // The client mounts the tree for administration (the goal) through the admin export.
  admin: ['moosefsClient'],
};

/** Each host once, with every role it has: a chunkserver may also be a metalogger, the master the admin. */
function clusterHosts(args: MooseFsClusterArgs): { host: Host; roles: Set<Role> }[] {
  const byName = new Map<string, { host: Host; roles: Set<Role> }>();
  const add = (host: Host, role: Role) => {
    const entry = byName.get(host.name) ?? { host, roles: new Set<Role>() };
    entry.roles.add(role);
    byName.set(host.name, entry);
  };
  add(args.master, 'master');
  for (const host of args.metaloggers ?? []) add(host, 'metalogger');
  for (const host of args.chunkservers) add(host, 'chunkserver');
  add(args.adminHost ?? args.master, 'admin');
  return [...byName.values()];
}

/** Free space on the chunkservers, in percent, below which the space check warns and is critical. */
const FREE_SPACE_PERCENT: [number, number] = [20, 10];

/** Config files the daemons read as root at start and again as `mfs` on reload. */
const daemonReadable = { owner: 'root', group: MOOSEFS_USER, mode: '0640' } as const;

/**
 * A MooseFS 3.0 cluster from the distribution's packages: the master (metadata server) with its exports
 * limited to the declared clients, metaloggers that keep a live copy of the metadata, and chunkservers
 * that all get the same rendered configuration. Every daemon reaches the master by its address. The
 * master's config and exports are checked together by a scratch master before they replace the live
 * ones; its metadata is initialised once; the exported tree gets the configured goal.
 *
 * Destroy stops the daemons and removes packages, configs and accounts; the metadata, the metaloggers'
 * copies and the chunks stay unless `purgeData` is set.
 */
export class MooseFsCluster extends pulumi.ComponentResource {
  /** The master's address: give it to every MooseFsMount (which should depend on this cluster). */
  public readonly masterAddress: pulumi.Output<string>;
  /** The master's port for clients (mounts, mfscli). */
  public readonly clientPort: number;
  /** Copies kept of every chunk. */
  public readonly goal: number;
  /** Digest of the chunkserver configuration (mfschunkserver.cfg + mfshdd.cfg) on each chunkserver, by host name: all equal. */
  public readonly chunkserverConfigDigests: Record<string, pulumi.Output<string>>;
  /** What monitoring should check about the cluster. */
  public readonly checks: TierCheck[];

  constructor(name: string, args: MooseFsClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = validateMooseFsClusterArgs(args);
    if (problems.length) throw new Error(`MooseFsCluster ${name}: invalid arguments:\n  - ${problems.join('\n  - ')}`);
    super('hastack:dfs:MooseFsCluster', name, {}, opts);
    const master = args.master;
    const admin = args.adminHost ?? master;
    const goal = args.goal ?? 2;
    const storage = args.storage ?? DEFAULT_STORAGE;
    const keepData = !(args.purgeData ?? false);
    const metadataDownloadHours = args.metadataDownloadHours ?? 24;
    const configDir = master.profile.paths.moosefsConfigDir;
    this.masterAddress = master.dataAddress;
    this.clientPort = MooseFsPorts.client;
    this.goal = goal;
    this.chunkserverConfigDigests = {};
    const checks: TierCheck[] = [];

    // The same rules again over the client addresses that were outputs, before anything renders them.
    const clients = pulumi.all(args.clients).apply((addresses) => {
      const late = validateMooseFsClusterArgs({ ...args, clients: addresses });
      if (late.length) throw new Error(`MooseFsCluster ${name}: invalid arguments:\n  - ${late.join('\n  - ')}`);
      return addresses;
    });
    // Chunkservers register with this code: a host that merely reaches port 9420 cannot join.
    const authCode = new random.RandomPassword(`${name}-chunkserver-auth`, { length: 32, special: false }, { parent: this }).result;
    // One rendering for every chunkserver: the same text, so the same digest.
    const chunkserverCfg = pulumi.secret(
      pulumi.all([authCode, master.dataAddress]).apply(([code, masterAddress]) =>
        renderChunkserverCfg({
          user: MOOSEFS_USER,
          dataPath: args.chunkservers[0].profile.paths.moosefsDataDir,
          hddConfPath: `${configDir}/mfshdd.cfg`,
          masterAddress,
          authCode: code,
          leaveFreeSpace: args.leaveFreeSpace ?? '256MiB',
        }),
      ),
    );
    const hddCfg = renderHddCfg(storage);

    let masterService: Service | undefined;
    const metaloggerCopies: { host: Host; prefix: string; service: Service }[] = [];
    let adminPackages: Packages | undefined;
    const chunkserverServices: Service[] = [];
    for (const { host, roles } of clusterHosts(args)) {
      const prefix = `${name}-${host.name}`;
      const { paths, services } = host.profile;
      const dataPath = paths.moosefsDataDir;
      const packageRoles = [...new Set([...roles].flatMap((role) => rolePackages[role]))];
      // A host that only administers gets the client alone; a daemon gets its account and data folder,
      // made before the packages install into it so that it counts as the stack's and purgeData can remove it.
      // Others may pass through it but not list it: the monitoring agent looks at the metalogger's copy by name.
      let data: Directory | undefined;
      if ([...roles].some((role) => role !== 'admin')) {
        const account = new SystemUser(`${prefix}-mfs-user`, { host, user: MOOSEFS_USER, home: dataPath }, { parent: this });
        data = new Directory(
          `${prefix}-data`,
          { host, path: dataPath, owner: MOOSEFS_USER, group: MOOSEFS_USER, mode: '0751', keepOnDestroy: keepData },
          { parent: this, dependsOn: account },
        );
      }
      const packages = new Packages(`${prefix}-packages`, { host, roles: packageRoles }, { parent: this, dependsOn: data ? [data] : [] });
      if (roles.has('admin')) adminPackages = packages;
      const folders = roles.has('chunkserver')
        ? storage.map(
            (folder, i) =>
              new Directory(
                `${prefix}-chunks-${i}`,
                { host, path: folder.path, owner: MOOSEFS_USER, group: MOOSEFS_USER, mode: '0750', keepOnDestroy: keepData },
                { parent: this, dependsOn: packages },
              ),
          )
        : [];
      const owned =
        data &&
        new OneOffStep(
          `${prefix}-data-owner`,
          { host, ...dataOwnerStep([dataPath, ...(roles.has('chunkserver') ? storage.map((folder) => folder.path) : [])], MOOSEFS_USER) },
          { parent: this, dependsOn: [packages, ...folders] },
        );
      const firewallRules: FirewallRule[] = [];

      if (roles.has('master')) {
        const masterPaths = { configPath: `${configDir}/mfsmaster.cfg`, dataPath, emptyMetadata: `${dataPath}/metadata.mfs.empty`, user: MOOSEFS_USER };
        const exportsPath = `${configDir}/mfsexports.cfg`;
        const masterCfg = pulumi.all([authCode, host.dataAddress]).apply(([code, listenAddress]) =>
          renderMasterCfg({ user: MOOSEFS_USER, dataPath, exportsPath, listenAddress, authCode: code, chunkLoopSeconds: args.chunkLoopSeconds ?? 300 }),
        );
        const exportsCfg = pulumi.all([clients, admin.dataAddress]).apply(([addresses, adminAddress]) => renderExportsCfg({ clients: addresses, adminAddress }));
        const config = new ConfigFileSet(
          `${prefix}-master-conf`,
          {
            host,
            files: [
              { path: masterPaths.configPath, content: pulumi.secret(masterCfg), ...daemonReadable },
              { path: exportsPath, content: exportsCfg, ...daemonReadable },
            ],
            validate: masterConfigCheck(masterPaths),
          },
          { parent: this, dependsOn: packages },
        );
        const init = new OneOffStep(`${prefix}-metadata-init`, { host, ...metadataInitStep(masterPaths) }, { parent: this, dependsOn: [packages, config, owned!] });
        masterService = new Service(
          `${prefix}-master`,
          { host, unit: services.moosefsMaster, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
          { parent: this, dependsOn: [config, init, owned!] },
        );
        // A rule without sources would admit every address: no metalogger, no rule.
        if (args.metaloggers?.length) {
          firewallRules.push({ port: MooseFsPorts.metalogger, protocol: 'tcp', sources: args.metaloggers.map((h) => h.dataAddress), description: 'MooseFS metaloggers to the master' });
        }
        firewallRules.push(
          { port: MooseFsPorts.chunkserver, protocol: 'tcp', sources: args.chunkservers.map((h) => h.dataAddress), description: 'MooseFS chunkservers to the master' },
          { port: MooseFsPorts.client, protocol: 'tcp', sources: [...args.clients, admin.dataAddress], description: 'MooseFS clients and the admin host to the master' },
        );
        checks.push(
          { host: host.name, name: 'moosefs-master', command: unitCheck(services.moosefsMaster) },
          { host: host.name, name: 'moosefs-chunkservers', command: host.dataAddress.apply((address) => chunkserversConnectedCommand(address, args.chunkservers.length)) },
          { host: host.name, name: 'moosefs-undergoal', command: host.dataAddress.apply(noUndergoalCommand) },
          { host: host.name, name: 'moosefs-space', command: host.dataAddress.apply((address) => freeSpaceCommand(address, FREE_SPACE_PERCENT)) },
        );
      }

      if (roles.has('chunkserver')) {
        const config = new ConfigFileSet(
          `${prefix}-chunkserver-conf`,
          {
            host,
            files: [
              { path: `${configDir}/mfschunkserver.cfg`, content: chunkserverCfg, ...daemonReadable },
              { path: `${configDir}/mfshdd.cfg`, content: hddCfg, ...daemonReadable },
            ],
            validate: storageCheck(
              storage.map((folder) => folder.path),
              MOOSEFS_USER,
            ),
          },
          { parent: this, dependsOn: [packages, ...folders] },
        );
        chunkserverServices.push(
          new Service(
            `${prefix}-chunkserver`,
            { host, unit: services.moosefsChunkserver, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
            { parent: this, dependsOn: [config, owned!] },
          ),
        );
        this.chunkserverConfigDigests[host.name] = config.digest;
        firewallRules.push({
          port: MooseFsPorts.chunkData,
          protocol: 'tcp',
          sources: [
            ...args.clients,
            admin.dataAddress,
            ...args.chunkservers.filter((other) => other.name !== host.name).map((other) => other.dataAddress),
          ],
          description: 'MooseFS clients, the admin host and the other chunkservers (replication) to this chunkserver',
        });
        checks.push({ host: host.name, name: 'moosefs-chunkserver', command: unitCheck(services.moosefsChunkserver) });
      }

      if (roles.has('metalogger')) {
        const config = new ConfigFile(
          `${prefix}-metalogger-conf`,
          {
            host,
            path: `${configDir}/mfsmetalogger.cfg`,
            content: master.dataAddress.apply((masterAddress) => renderMetaloggerCfg({ user: MOOSEFS_USER, dataPath, masterAddress, metadataDownloadHours })),
            ...daemonReadable,
          },
          { parent: this, dependsOn: packages },
        );
        const metaloggerService = new Service(
          `${prefix}-metalogger`,
          { host, unit: services.moosefsMetalogger, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
          { parent: this, dependsOn: [config, owned!] },
        );
        metaloggerCopies.push({ host, prefix, service: metaloggerService });
        // The copy is refreshed every period; ten minutes' grace covers the download itself.
        checks.push(
          { host: host.name, name: 'moosefs-metalogger', command: unitCheck(services.moosefsMetalogger) },
          {
            host: host.name,
            name: 'moosefs-metadata-backup',
            command: conditionCheck(
              `find ${dataPath}/${METALOGGER_METADATA_FILE} -mmin -${metadataDownloadHours * 60 + 10} | grep -q .`,
              'metadata copy is recent',
              `no metadata copy in the last ${metadataDownloadHours} h`,
            ),
          },
        );
      }

      if (firewallRules.length) firewallFor(`${prefix}-firewall`, { host, rules: firewallRules }, { parent: this });
    }

    // A metalogger that meets a master still writing its first metadata keeps a partial download until its
    // next period (a day by default); once the master serves its metadata, a restart fetches the copy.
    for (const { host, prefix, service } of metaloggerCopies) {
      const copy = shellQuote(`${host.profile.paths.moosefsDataDir}/${METALOGGER_METADATA_FILE}`);
      new OneOffStep(
        `${prefix}-metadata-copy`,
        {
          host,
          check: `test -s ${copy}`,
          run: `systemctl restart ${shellQuote(host.profile.services.moosefsMetalogger)}\nfor _ in $(seq 60); do test -s ${copy} && exit 0; sleep 1; done`,
        },
        { parent: this, dependsOn: [masterService!, service] },
      );
    }

    // Replicas need chunkservers to hold them; the goal itself needs only the master and a mount.
    new OneOffStep(
      `${name}-goal`,
      { host: admin, ...goalStep(goal), stdin: master.dataAddress },
      { parent: this, dependsOn: [masterService!, adminPackages!, ...chunkserverServices] },
    );
    this.checks = checks;
    this.registerOutputs({
      masterAddress: this.masterAddress,
      clientPort: this.clientPort,
      goal: this.goal,
      chunkserverConfigDigests: this.chunkserverConfigDigests,
      checks: this.checks,
    });
  }
}
