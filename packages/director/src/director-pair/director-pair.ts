import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { bashScript, ConfigFile, hostCommand, Packages, Service, Sysctl } from '@hastack/host';
import { DirectorPairArgs, validateDirectorPairArgs, VirtualServiceArgs } from './director-pair-args';
import { keepalivedConfigTest, renderNotifyScript } from './render-notify-script';
import { KeepalivedConf, renderKeepalivedConf, RenderedVirtualServer } from './render-keepalived-conf';
import { loadIpVsScript, unloadIpVsScript } from './ip-vs-scripts';

const NOTIFY_SCRIPT = '/etc/keepalived/hastack-notify.sh';

function resolveServices(services: VirtualServiceArgs[]): pulumi.Output<RenderedVirtualServer[]> {
  return pulumi.output(services).apply((resolved) =>
    resolved.map((service, i) => {
      const check = services[i].healthCheck;
      const timing = {
        intervalSeconds: check.intervalSeconds ?? 1,
        timeoutSeconds: check.timeoutSeconds ?? 1,
        retries: check.retries ?? 1,
        retryDelaySeconds: check.retryDelaySeconds ?? 0.5,
      };
      return {
        address: '',
        port: service.port,
        protocol: service.protocol ?? 'TCP',
        scheduler: service.scheduler ?? 'wrr',
        persistenceTimeoutSeconds: service.persistenceTimeoutSeconds,
        sorryServer: service.sorryServer && { address: service.sorryServer.address, port: service.sorryServer.port ?? service.port },
        healthCheck:
          check.type === 'http'
            ? { type: 'HTTP_GET' as const, path: check.path ?? '/', expectStatus: check.expectStatus ?? 200, ...timing }
            : { type: 'TCP_CHECK' as const, ...timing },
        realServers: service.realServers.map((real) => ({ address: real.address, port: service.port, weight: real.weight ?? 1 })),
      };
    }),
  );
}

/**
 * Two LVS directors sharing VIPs through keepalived's VRRP and forwarding in DR mode to real servers,
 * with health checks that take dead ones out of the pool. Config changes (weights, real servers)
 * reload keepalived, which keeps the VIP; only a package change restarts it.
 */
export class DirectorPair extends pulumi.ComponentResource {
  /** The VIPs, for the real servers' RealServerVip and for clients. */
  public readonly vips: string[];
  /** Each director's rendered keepalived.conf digest, by host name. */
  public readonly configDigests: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: DirectorPairArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = validateDirectorPairArgs(args);
    if (problems.length) throw new Error(`DirectorPair ${name}: invalid arguments:\n  - ${problems.join('\n  - ')}`);
    super('hastack:director:DirectorPair', name, {}, opts);
    this.vips = args.vips;
    this.configDigests = {};
    const version = args.vrrpVersion ?? 3;
    const preempt = args.preempt ?? true;
    const priorities = args.priorities ?? [150, 100];
    const authPassword =
      version === 2
        ? (args.authPassword ?? new random.RandomPassword(`${name}-vrrp-auth`, { length: 8, special: false }, { parent: this }).result)
        : undefined;
    const services = resolveServices(args.services);

    args.directors.forEach((director, index) => {
      const host = director.host;
      const prefix = `${name}-${host.name}`;
      const packages = new Packages(`${prefix}-packages`, { host, roles: ['keepalived', 'ipvsadm'] }, { parent: this });
      const ipVs = hostCommand(
        `${prefix}-ip-vs`,
        host,
        { create: bashScript(loadIpVsScript()), delete: bashScript(unloadIpVsScript()) },
        { parent: this, dependsOn: packages },
      );
      // Connections to a removed real server are dropped at once instead of hanging until they time out.
      const sysctl = new Sysctl(
        `${prefix}-ipvs-sysctl`,
        { host, settings: { 'net.ipv4.vs.expire_nodest_conn': 1, 'net.ipv4.vs.expire_quiescent_template': 1 } },
        { parent: this, dependsOn: ipVs },
      );
      const notify = new ConfigFile(
        `${prefix}-notify`,
        { host, path: NOTIFY_SCRIPT, content: renderNotifyScript(), mode: '0755' },
        { parent: this, dependsOn: packages },
      );
      const peers = args.directors.filter((_, i) => i !== index).map((other) => other.host.address);
      const conf = pulumi.all([services, authPassword]).apply(([resolvedServices, password]) => {
        const rendered: KeepalivedConf = {
          routerId: host.name,
          vrrp: {
            instanceName: `VI_${args.virtualRouterId}`,
            // nopreempt is honoured only when both start as BACKUP.
            state: preempt && index === 0 ? 'MASTER' : 'BACKUP',
            interface: director.interface,
            virtualRouterId: args.virtualRouterId,
            priority: priorities[index],
            advertIntervalSeconds: args.advertIntervalSeconds ?? 1,
            version,
            preempt,
            authPassword: password,
            unicastSourceAddress: host.address,
            unicastPeers: peers,
            vips: args.vips.map((address) => ({ address, prefixLength: args.vipPrefixLength ?? 24 })),
            notifyScript: NOTIFY_SCRIPT,
          },
          connectionSync: args.connectionSync === false ? undefined : { interface: director.interface, syncId: args.virtualRouterId },
          virtualServers: args.vips.flatMap((vip) => resolvedServices.map((service) => ({ ...service, address: vip }))),
        };
        return renderKeepalivedConf(rendered);
      });
      const config = new ConfigFile(
        `${prefix}-keepalived-conf`,
        {
          host,
          path: host.profile.paths.keepalivedConfig,
          content: authPassword ? pulumi.secret(conf) : conf,
          mode: '0600',
          validate: keepalivedConfigTest(),
        },
        { parent: this, dependsOn: [packages, notify] },
      );
      new Service(
        `${prefix}-keepalived`,
        {
          host,
          unit: host.profile.services.keepalived,
          reloadTriggers: [config.digest, notify.digest],
          restartTriggers: [packages.installed],
        },
        { parent: this, dependsOn: [config, sysctl] },
      );
      this.configDigests[host.name] = config.digest;
    });
    this.registerOutputs({ vips: this.vips, configDigests: this.configDigests });
  }
}
