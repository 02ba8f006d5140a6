import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { assertValidArgs, firewallFor, OneOffStep, Service } from '@hastack/host';
import type { TierCheck } from '../checks';
import { chunkserverFiles, chunkserverRole } from './chunkserver';
import { clusterHosts, clusterNode, ClusterScope, daemonNode, isDaemonNode } from './cluster-hosts';
import { goalStep } from './cluster-scripts';
import { masterRole } from './master';
import { metaloggerRole } from './metalogger';
import { MooseFsClusterArgs, mooseFsClusterSettings, MooseFsPorts, validateMooseFsClusterArgs } from './moosefs-cluster-args';

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
    assertValidArgs('MooseFsCluster', name, validateMooseFsClusterArgs(args));
    super('hastack:dfs:MooseFsCluster', name, {}, opts);
    const settings = mooseFsClusterSettings(args);
    const scope: ClusterScope = { parent: this, name, settings, configDir: settings.master.profile.paths.moosefsConfigDir };
    this.masterAddress = settings.master.dataAddress;
    this.clientPort = MooseFsPorts.client;
    this.goal = settings.goal;
    this.chunkserverConfigDigests = {};

    // The same rules again over the client addresses that were outputs, before anything renders them.
    const clients = pulumi.all(args.clients).apply((addresses) => {
      assertValidArgs('MooseFsCluster', name, validateMooseFsClusterArgs({ ...args, clients: addresses }));
      return addresses;
    });
    // Chunkservers register with this code: a host that merely reaches port 9420 cannot join.
    const authCode = new random.RandomPassword(`${name}-chunkserver-auth`, { length: 32, special: false }, { parent: this }).result;
    const files = chunkserverFiles(scope, authCode);

    const [masterHost, ...otherHosts] = clusterHosts(settings);
    const masterNode = daemonNode(scope, masterHost);
    const master = masterRole(scope, masterNode, { clients, authCode });
    const nodes = [masterNode, ...otherHosts.map((entry) => clusterNode(scope, entry))];
    const chunkserverServices: Service[] = [];
    const checks: TierCheck[] = [];
    for (const node of nodes.filter(isDaemonNode)) {
      const chunkserver = node.roles.has('chunkserver') ? chunkserverRole(scope, node, files) : undefined;
      const roles = [
        node.roles.has('master') ? master : undefined,
        chunkserver,
        node.roles.has('metalogger') ? metaloggerRole(scope, node, master.service) : undefined,
      ].flatMap((role) => (role ? [role] : []));
      if (chunkserver) {
        chunkserverServices.push(chunkserver.service);
        this.chunkserverConfigDigests[node.host.name] = chunkserver.configDigest;
      }
      const firewallRules = roles.flatMap((role) => role.firewallRules);
      if (firewallRules.length) firewallFor(`${node.prefix}-firewall`, { host: node.host, rules: firewallRules }, { parent: this });
      checks.push(...roles.flatMap((role) => role.checks));
    }

    // Replicas need chunkservers to hold them; the goal itself needs only the master and a mount.
    const adminPackages = nodes.filter((node) => node.roles.has('admin')).map((node) => node.packages);
    new OneOffStep(
      `${name}-goal`,
      { host: settings.adminHost, ...goalStep(settings.goal), stdin: settings.master.dataAddress },
      { parent: this, dependsOn: [master.service, ...adminPackages, ...chunkserverServices] },
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
