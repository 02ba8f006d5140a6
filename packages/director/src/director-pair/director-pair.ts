import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { assertValidArgs } from '@hastack/host';
import { DirectorPairArgs, ResolvedVirtualService, resolveDirectorPairDefaults, validateDirectorPairArgs } from './director-pair-args';
import { directorNode } from './director-node';
import { failoverTimes, type FailoverTimes } from './failover-times';
import type { RenderedVirtualServer } from './render-keepalived-conf';

/** What keepalived needs of a service, once every input is known (the VIP is filled in per VIP). */
function renderedServices(services: pulumi.Unwrap<ResolvedVirtualService[]>): RenderedVirtualServer[] {
  return services.map((service) => {
    const { type, path, expectStatus, ...timing } = service.healthCheck;
    return {
      address: '',
      port: service.port,
      protocol: service.protocol,
      scheduler: service.scheduler,
      persistenceTimeoutSeconds: service.persistenceTimeoutSeconds,
      sorryServer: service.sorryServer,
      healthCheck: type === 'http' ? { type: 'HTTP_GET' as const, path, expectStatus, ...timing } : { type: 'TCP_CHECK' as const, ...timing },
      realServers: service.realServers.map((real) => ({ address: real.address, port: service.port, weight: real.weight })),
    };
  });
}

/**
 * Two LVS directors sharing VIPs through keepalived's VRRP and forwarding in DR mode to real servers,
 * with health checks that take dead ones out of the pool. Config changes (weights, real servers)
 * reload keepalived, which keeps the VIP; only a package change restarts it.
 */
export class DirectorPair extends pulumi.ComponentResource {
  /**
   * The VIPs, validated: the set every real server must hold on lo (give it to `RealServerVip`) and the
   * addresses clients use.
   */
  public readonly vips: pulumi.Output<string[]>;
  /** Each director's rendered keepalived.conf digest, by host name. */
  public readonly configDigests: Record<string, pulumi.Output<string>>;
  /** What the settings promise before anything fails: how soon the backup takes over, a dead real server leaves. */
  public readonly failoverTimes: pulumi.Output<FailoverTimes>;

  constructor(name: string, args: DirectorPairArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('DirectorPair', name, validateDirectorPairArgs(args));
    super('hastack:director:DirectorPair', name, {}, opts);
    const pair = resolveDirectorPairDefaults(args);
    const authPassword =
      pair.vrrpVersion === 2
        ? (pair.authPassword ?? new random.RandomPassword(`${name}-vrrp-auth`, { length: 8, special: false }, { parent: this }).result)
        : undefined;
    // The same rules again over every value, once the outputs among them (addresses of other resources,
    // the directors' data addresses) are known, and before any config is rendered from them. The VIPs are
    // checked apart from the services, so that real servers can take them while the services wait on the
    // web servers that hold them.
    const directorAddresses = pulumi.all(pair.directors.map((d) => d.host.dataAddress));
    this.vips = pulumi.all([pulumi.output(pair.vips), directorAddresses]).apply(([vips, addresses]) => {
      assertValidArgs('DirectorPair', name, validateDirectorPairArgs({ ...args, vips }, addresses));
      return vips;
    });
    const known = pulumi.all([pulumi.output(pair.services), this.vips, directorAddresses]).apply(([services, vips, addresses]) => {
      assertValidArgs('DirectorPair', name, validateDirectorPairArgs({ ...args, services, vips }, addresses));
      return { services: renderedServices(services), vips, directorAddresses: addresses };
    });
    const nodes = ([0, 1] as const).map((index) => directorNode(name, { pair, index, known, authPassword }, this));
    this.configDigests = Object.fromEntries(nodes.map((node) => [node.hostName, node.configDigest]));
    this.failoverTimes = known.apply(({ services }) => failoverTimes(pair, services));
    this.registerOutputs({ vips: this.vips, configDigests: this.configDigests, failoverTimes: this.failoverTimes });
  }
}
