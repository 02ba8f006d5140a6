import * as pulumi from '@pulumi/pulumi';
import { bashScript, ConfigFile, firewallFor, hostCommand, Packages, Service, shellQuote, Sysctl } from '@hastack/host';
import type { ResolvedDirectorPairArgs } from './director-pair-args';
import { loadIpVsScript, unloadIpVsScript } from './ip-vs-scripts';
import { renderCrashCleanup } from './render-crash-cleanup';
import { KeepalivedConf, renderKeepalivedConf, RenderedVirtualServer } from './render-keepalived-conf';
import { keepalivedConfigTest, renderNotifyScript } from './render-notify-script';

const NOTIFY_SCRIPT = '/etc/keepalived/hastack-notify.sh';
/** Seconds before systemd starts a keepalived that died: longer than a failover, so the peer is master by then. */
const RESTART_SECONDS = 5;

/** systemd's verdict on a unit with a drop-in in place: any complaint naming the drop-in refuses it. */
const dropInCheck = (unit: string) =>
  `report="$(systemd-analyze verify --man=no ${shellQuote(unit)} 2>&1)" && ! grep -qF "$CONFIG_FILE" <<<"$report" || { printf '%s\n' "$report"; exit 1; }`;

/** The pair's values once every output among them is known and validated: what each director renders from. */
export interface KnownPairValues {
  /** The services as keepalived needs them, the VIP left empty (filled in per VIP). */
  services: RenderedVirtualServer[];
  vips: string[];
  /** The directors' data addresses, in the order of `directors`. */
  directorAddresses: string[];
}

/** What one director node needs of its pair. */
export interface DirectorNodeArgs {
  /** The pair's args with their defaults. */
  pair: ResolvedDirectorPairArgs;
  /** Which of the pair's directors: 0 is the preferred VRRP master. */
  index: 0 | 1;
  /** The values every director renders from, known and validated. */
  known: pulumi.Output<KnownPairValues>;
  /** The VRRPv2 password, under version 2 only. */
  authPassword?: pulumi.Input<string>;
}

/** What the pair registers of one director. */
export interface DirectorNode {
  hostName: string;
  /** The digest of the director's keepalived.conf as written. */
  configDigest: pulumi.Output<string>;
}

/** One director's keepalived.conf values: its own VRRP state, priority and unicast peers, and every VIP's services. */
export function keepalivedConfFor(args: Omit<DirectorNodeArgs, 'known' | 'authPassword'>, known: KnownPairValues, authPassword?: string): KeepalivedConf {
  const { pair, index } = args;
  const director = pair.directors[index];
  const { services, vips, directorAddresses } = known;
  return {
    routerId: director.host.name,
    vrrp: {
      instanceName: `VI_${pair.virtualRouterId}`,
      // nopreempt is honoured only when both start as BACKUP.
      state: pair.preempt && index === 0 ? 'MASTER' : 'BACKUP',
      interface: director.interface,
      virtualRouterId: pair.virtualRouterId,
      priority: pair.priorities[index],
      advertIntervalSeconds: pair.advertIntervalSeconds,
      version: pair.vrrpVersion,
      preempt: pair.preempt,
      authPassword,
      unicastSourceAddress: directorAddresses[index],
      unicastPeers: directorAddresses.filter((_, i) => i !== index),
      vips: vips.map((address) => ({ address, prefixLength: pair.vipPrefixLength })),
      notifyScript: NOTIFY_SCRIPT,
    },
    connectionSync: pair.connectionSync ? { interface: director.interface, syncId: pair.virtualRouterId } : undefined,
    virtualServers: vips.flatMap((vip) => services.map((service) => ({ ...service, address: vip }))),
  };
}

/**
 * One director of the pair, its children parented to the pair and named after it and the host: keepalived
 * and ipvsadm, the IPVS module and sysctls, the notify script, the firewall, keepalived.conf checked by
 * `keepalived -t`, the crash clean-up drop-in, and the service reloaded when any of them changes.
 */
export function directorNode(pairName: string, args: DirectorNodeArgs, parent: pulumi.Resource): DirectorNode {
  const { pair, index, known, authPassword } = args;
  const director = pair.directors[index];
  const host = director.host;
  const prefix = `${pairName}-${host.name}`;
  const packages = new Packages(`${prefix}-packages`, { host, roles: ['keepalived', 'ipvsadm'] }, { parent });
  const ipVs = hostCommand(
    `${prefix}-ip-vs`,
    host,
    { create: bashScript(loadIpVsScript()), delete: bashScript(unloadIpVsScript()) },
    { parent, dependsOn: packages },
  );
  // Connections to a removed real server are dropped at once instead of hanging until they time out.
  const sysctl = new Sysctl(
    `${prefix}-ipvs-sysctl`,
    { host, settings: { 'net.ipv4.vs.expire_nodest_conn': 1, 'net.ipv4.vs.expire_quiescent_template': 1 } },
    { parent, dependsOn: ipVs },
  );
  const notify = new ConfigFile(
    `${prefix}-notify`,
    { host, path: NOTIFY_SCRIPT, content: renderNotifyScript(), mode: '0755' },
    { parent, dependsOn: packages },
  );
  const conf = pulumi.all([known, authPassword]).apply(([values, password]) => renderKeepalivedConf(keepalivedConfFor(args, values, password)));
  // Clients reach the VIP's services from anywhere; VRRP adverts and connection sync come from the peer only.
  const peer = pair.directors[1 - index].host.dataAddress;
  const firewall = firewallFor(
    `${prefix}-firewall`,
    {
      host,
      rules: [
        { protocol: 'vrrp', sources: [peer], description: "the peer director's VRRP adverts" },
        ...(pair.connectionSync ? [{ protocol: 'udp' as const, port: 8848, sources: [peer], description: 'IPVS connection sync from the peer' }] : []),
        ...pair.services.map((service) => ({
          protocol: service.protocol.toLowerCase() as 'tcp' | 'udp',
          port: service.port,
          description: 'clients of the virtual service',
        })),
      ],
    },
    { parent },
  );
  const config = new ConfigFile(
    `${prefix}-keepalived-conf`,
    {
      host,
      path: host.profile.paths.keepalivedConfig,
      content: authPassword ? pulumi.secret(conf) : conf,
      mode: '0600',
      validate: keepalivedConfigTest(),
      reloadOnRestore: host.profile.services.keepalived,
    },
    { parent, dependsOn: [packages, notify] },
  );
  const unit = host.profile.services.keepalived;
  const cleanup = new ConfigFile(
    `${prefix}-keepalived-cleanup`,
    {
      host,
      path: `${host.profile.paths.systemdUnitDir}/${unit}.service.d/hastack-crash-cleanup.conf`,
      content: known.apply(({ services, vips }) =>
        renderCrashCleanup({
          interface: director.interface,
          vips: vips.map((address) => ({ address, prefixLength: pair.vipPrefixLength })),
          virtualServices: vips.flatMap((address) => services.map((service) => ({ address, port: service.port, protocol: service.protocol }))),
          restartSeconds: RESTART_SECONDS,
        }),
      ),
      validate: dropInCheck(`${unit}.service`),
    },
    // After keepalived took its config: a refused keepalived.conf leaves the drop-in as it was too.
    { parent, dependsOn: [packages, config] },
  );
  new Service(
    `${prefix}-keepalived`,
    {
      host,
      unit,
      reloadTriggers: [config.digest, notify.digest, cleanup.digest],
      restartTriggers: [packages.installed],
    },
    { parent, dependsOn: [config, cleanup, sysctl, ...firewall] },
  );
  return { hostName: host.name, configDigest: config.digest };
}
