import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { bashScript, ConfigFile, firewallFor, hostCommand, Packages, Service, shellQuote, Sysctl } from '@hastack/host';
import { DirectorPairArgs, validateDirectorPairArgs, VirtualServiceArgs } from './director-pair-args';
import { keepalivedConfigTest, renderNotifyScript } from './render-notify-script';
import { KeepalivedConf, renderKeepalivedConf, RenderedVirtualServer } from './render-keepalived-conf';
import { loadIpVsScript, unloadIpVsScript } from './ip-vs-scripts';
import { renderCrashCleanup } from './render-crash-cleanup';
import { DEFAULT_CHECK_RETRIES } from './pool-checks';

const NOTIFY_SCRIPT = '/etc/keepalived/hastack-notify.sh';
/** Seconds before systemd starts a keepalived that died: longer than a failover, so the peer is master by then. */
const RESTART_SECONDS = 5;

/** systemd's verdict on a unit with a drop-in in place: any complaint naming the drop-in refuses it. */
const dropInCheck = (unit: string) =>
  `report="$(systemd-analyze verify --man=no ${shellQuote(unit)} 2>&1)" && ! grep -qF "$CONFIG_FILE" <<<"$report" || { printf '%s\n' "$report"; exit 1; }`;

type Resolved<T> = pulumi.Unwrap<T>;

/** What keepalived needs of a service, once every input is known (the VIP is filled in per VIP). */
function renderedServices(services: Resolved<VirtualServiceArgs[]>): RenderedVirtualServer[] {
  return services.map((service) => {
    const check = service.healthCheck;
    const timing = {
      intervalSeconds: check.intervalSeconds ?? 1,
      timeoutSeconds: check.timeoutSeconds ?? 1,
      retries: check.retries ?? DEFAULT_CHECK_RETRIES,
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
  });
}

function invalid(name: string, problems: string[]): Error {
  return new Error(`DirectorPair ${name}: invalid arguments:\n  - ${problems.join('\n  - ')}`);
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

  constructor(name: string, args: DirectorPairArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = validateDirectorPairArgs(args);
    if (problems.length) throw invalid(name, problems);
    super('hastack:director:DirectorPair', name, {}, opts);
    this.configDigests = {};
    const version = args.vrrpVersion ?? 3;
    const preempt = args.preempt ?? true;
    const priorities = args.priorities ?? [150, 100];
    const authPassword =
      version === 2
        ? (args.authPassword ?? new random.RandomPassword(`${name}-vrrp-auth`, { length: 8, special: false }, { parent: this }).result)
        : undefined;
    // The same rules again over every value, once the outputs among them (addresses of other resources,
    // the directors' data addresses) are known, and before any config is rendered from them. The VIPs are
    // checked apart from the services, so that real servers can take them while the services wait on the
    // web servers that hold them.
    const directorAddresses = pulumi.all(args.directors.map((d) => d.host.dataAddress));
    this.vips = pulumi.all([pulumi.output(args.vips), directorAddresses]).apply(([vips, addresses]) => {
      const late = validateDirectorPairArgs({ ...args, vips }, addresses);
      if (late.length) throw invalid(name, late);
      return vips;
    });
    const resolved = pulumi.all([pulumi.output(args.services), this.vips, directorAddresses]).apply(([services, vips, addresses]) => {
      const late = validateDirectorPairArgs({ ...args, services, vips }, addresses);
      if (late.length) throw invalid(name, late);
      return { services: renderedServices(services), vips, directorAddresses: addresses };
    });

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
      const conf = pulumi.all([resolved, authPassword]).apply(([{ services, vips, directorAddresses }, password]) => {
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
            unicastSourceAddress: directorAddresses[index],
            unicastPeers: directorAddresses.filter((_, i) => i !== index),
            vips: vips.map((address) => ({ address, prefixLength: args.vipPrefixLength ?? 24 })),
            notifyScript: NOTIFY_SCRIPT,
          },
          connectionSync: args.connectionSync === false ? undefined : { interface: director.interface, syncId: args.virtualRouterId },
          virtualServers: vips.flatMap((vip) => services.map((service) => ({ ...service, address: vip }))),
        };
        return renderKeepalivedConf(rendered);
      });
      // Clients reach the VIP's services from anywhere; VRRP adverts and connection sync come from the peer only.
      const peer = args.directors[1 - index].host.dataAddress;
      const firewall = firewallFor(
        `${prefix}-firewall`,
        {
          host,
          rules: [
            { protocol: 'vrrp', sources: [peer], description: "the peer director's VRRP adverts" },
            ...(args.connectionSync === false ? [] : [{ protocol: 'udp' as const, port: 8848, sources: [peer], description: 'IPVS connection sync from the peer' }]),
            ...args.services.map((service) => ({
              protocol: (service.protocol ?? 'TCP').toLowerCase() as 'tcp' | 'udp',
              port: service.port,
              description: 'clients of the virtual service',
            })),
          ],
        },
        { parent: this },
      );
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
      const unit = host.profile.services.keepalived;
      const cleanup = new ConfigFile(
        `${prefix}-keepalived-cleanup`,
        {
          host,
          path: `${host.profile.paths.systemdUnitDir}/${unit}.service.d/hastack-crash-cleanup.conf`,
          content: resolved.apply(({ services, vips }) =>
            renderCrashCleanup({
              interface: director.interface,
              vips: vips.map((address) => ({ address, prefixLength: args.vipPrefixLength ?? 24 })),
              virtualServices: vips.flatMap((address) => services.map((service) => ({ address, port: service.port, protocol: service.protocol }))),
              restartSeconds: RESTART_SECONDS,
            }),
          ),
          validate: dropInCheck(`${unit}.service`),
        },
        // After keepalived took its config: a refused keepalived.conf leaves the drop-in as it was too.
        { parent: this, dependsOn: [packages, config] },
      );
      new Service(
        `${prefix}-keepalived`,
        {
          host,
          unit,
          reloadTriggers: [config.digest, notify.digest, cleanup.digest],
          restartTriggers: [packages.installed],
        },
        { parent: this, dependsOn: [config, cleanup, sysctl, ...firewall] },
      );
      this.configDigests[host.name] = config.digest;
    });
    this.registerOutputs({ vips: this.vips, configDigests: this.configDigests });
  }
}
