import { isIpv4 } from '@hastack/host';

/** Plain, resolved values for one director's keepalived.conf; see DirectorPairArgs for their meaning. */
export interface KeepalivedConf {
  routerId: string;
  vrrp: {
    instanceName: string;
    state: 'MASTER' | 'BACKUP';
    interface: string;
    virtualRouterId: number;
    priority: number;
    advertIntervalSeconds: number;
    version: 2 | 3;
    preempt: boolean;
    authPassword?: string;
    /** This director's own address, which its adverts carry as their source. */
    unicastSourceAddress: string;
    /** The other director's address, the only source whose adverts are accepted (never this director's own). */
    unicastPeers: string[];
    vips: { address: string; prefixLength: number }[];
    notifyScript: string;
  };
  connectionSync?: { interface: string; syncId: number };
  virtualServers: RenderedVirtualServer[];
}

export interface RenderedVirtualServer {
  address: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  scheduler: string;
  persistenceTimeoutSeconds?: number;
  sorryServer?: { address: string; port: number };
  healthCheck: RenderedHealthCheck;
  realServers: { address: string; port: number; weight: number }[];
}

export type RenderedHealthCheck =
  | { type: 'HTTP_GET'; path: string; expectStatus: number; intervalSeconds: number; timeoutSeconds: number; retries: number; retryDelaySeconds: number }
  | { type: 'TCP_CHECK'; intervalSeconds: number; timeoutSeconds: number; retries: number; retryDelaySeconds: number };

function block(head: string, lines: readonly string[]): string[] {
  return [`${head} {`, ...lines.map((line) => `  ${line}`), '}'];
}

/** keepalived.conf values are unquoted words; refuse anything that could end a block or start a new one. */
function word(value: string | number, what: string): string {
  const text = String(value);
  if (!/^[A-Za-z0-9_.:/@%+-]+$/.test(text)) throw new Error(`keepalived.conf: ${what} ${JSON.stringify(text)} is not a plain word`);
  return text;
}

/** An address keepalived reads as one: the shared IPv4 rule, which also keeps it one word. */
function address(value: string, what: string): string {
  if (!isIpv4(value)) throw new Error(`keepalived.conf: ${what} ${JSON.stringify(value)} is not an IPv4 address`);
  return value;
}

/**
 * The peers whose adverts the instance accepts: none would make keepalived run multicast (silently before
 * 2.2.5), which it never source-checks; our own address would let in anyone who forges it.
 */
function unicastPeers(peers: readonly string[], source: string): string[] {
  if (peers.length === 0) throw new Error('keepalived.conf: no unicast peer; keepalived would fall back to multicast and accept adverts from anyone');
  if (peers.includes(source)) throw new Error(`keepalived.conf: unicast peer ${source} is the director's own address`);
  return peers.map((peer) => address(peer, 'unicast peer'));
}

function checkLines(check: RenderedHealthCheck): string[] {
  const timing = [
    `connect_timeout ${word(check.timeoutSeconds, 'timeout')}`,
    `retry ${word(check.retries, 'retries')}`,
    `delay_before_retry ${word(check.retryDelaySeconds, 'retry delay')}`,
  ];
  if (check.type === 'TCP_CHECK') return block('TCP_CHECK', timing);
  const url = block('url', [`path ${word(check.path, 'health check path')}`, `status_code ${word(check.expectStatus, 'status')}`]);
  return block('HTTP_GET', [...url, ...timing]);
}

function virtualServerLines(server: RenderedVirtualServer): string[] {
  const body = [
    `delay_loop ${word(server.healthCheck.intervalSeconds, 'check interval')}`,
    `lvs_sched ${word(server.scheduler, 'scheduler')}`,
    // keepalived defaults to NAT; the article's design is direct routing.
    'lvs_method DR',
    `protocol ${server.protocol}`,
    ...(server.persistenceTimeoutSeconds ? [`persistence_timeout ${word(server.persistenceTimeoutSeconds, 'persistence')}`] : []),
    ...(server.sorryServer ? [`sorry_server ${address(server.sorryServer.address, 'sorry server')} ${word(server.sorryServer.port, 'port')}`] : []),
    ...server.realServers.flatMap((real) =>
      block(`real_server ${address(real.address, 'real server')} ${word(real.port, 'port')}`, [
        `weight ${word(real.weight, 'weight')}`,
        ...checkLines(server.healthCheck),
      ]),
    ),
  ];
  return block(`virtual_server ${address(server.address, 'VIP')} ${word(server.port, 'port')}`, body);
}

/** Renders one director's keepalived.conf: VRRP for the VIPs, LVS-DR virtual servers with health checks. */
export function renderKeepalivedConf(conf: KeepalivedConf): string {
  const vrrp = conf.vrrp;
  const globals = [
    `router_id ${word(conf.routerId, 'router id')}`,
    // Notify scripts run as root; refuse to run any that a non-root user could modify.
    'enable_script_security',
    'script_user root',
    `vrrp_version ${vrrp.version}`,
    ...(conf.connectionSync
      ? [
          `lvs_sync_daemon ${word(conf.connectionSync.interface, 'sync interface')} ${word(vrrp.instanceName, 'instance')} id ${word(conf.connectionSync.syncId, 'sync id')}`,
        ]
      : []),
  ];
  const instance = [
    `state ${vrrp.state}`,
    `interface ${word(vrrp.interface, 'interface')}`,
    `virtual_router_id ${word(vrrp.virtualRouterId, 'virtual router id')}`,
    `priority ${word(vrrp.priority, 'priority')}`,
    `advert_int ${word(vrrp.advertIntervalSeconds, 'advert interval')}`,
    ...(vrrp.preempt ? [] : ['nopreempt']),
    // Unicast to the peer only: keepalived's receive socket is then bound to our own address and joins no
    // multicast group, so an advert to 224.0.0.18 never reaches the instance.
    `unicast_src_ip ${address(vrrp.unicastSourceAddress, 'unicast source')}`,
    ...block('unicast_peer', unicastPeers(vrrp.unicastPeers, vrrp.unicastSourceAddress)),
    // A unicast advert from any address but the peer's is dropped; without it a stranger on the segment
    // sending priority 255 to our address takes the VIP away (VRRPv3 has no authentication to stop it).
    'check_unicast_src',
    // Without it a master puts off its next advert whenever any packet for the router id arrives, dropped
    // or not: a stranger sending faster than advert_int silences it, and the backup takes the VIP for a moment
    // on every master-down interval. With it the master keeps its own schedule and discards a lower-priority
    // advert without answering it, as RFC 5798 says.
    'lower_prio_no_advert',
    ...(vrrp.authPassword ? block('authentication', ['auth_type PASS', `auth_pass ${word(vrrp.authPassword, 'auth password')}`]) : []),
    ...block(
      'virtual_ipaddress',
      vrrp.vips.map((vip) => `${address(vip.address, 'VIP')}/${word(vip.prefixLength, 'prefix')} dev ${word(vrrp.interface, 'interface')}`),
    ),
    `notify ${word(vrrp.notifyScript, 'notify script')}`,
  ];
  return [
    '# Rendered by hastack (director tier); edits are overwritten on the next deployment.',
    ...block('global_defs', globals),
    '',
    ...block(`vrrp_instance ${word(vrrp.instanceName, 'instance')}`, instance),
    '',
    ...conf.virtualServers.flatMap((server) => [...virtualServerLines(server), '']),
  ].join('\n');
}
