import * as pulumi from '@pulumi/pulumi';
import { inRange, isInterfaceName, isIpv4, isPort, knownValue } from '@hastack/host';
import type { Host } from '@hastack/host';

export const Schedulers = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq'] as const;
export type Scheduler = (typeof Schedulers)[number];

export const Protocols = { tcp: 'TCP', udp: 'UDP' } as const;
export type Protocol = (typeof Protocols)[keyof typeof Protocols];

export interface DirectorArgs {
  /** The director host. */
  host: Host;
  /** NIC that carries the VIP and reaches the real servers, e.g. eth0. */
  interface: string;
}

export interface RealServerArgs {
  /** Name, for messages and status. */
  name: string;
  /** Address the director forwards to (same layer-2 segment: DR rewrites only the MAC); a web host's `dataAddress`. */
  address: pulumi.Input<string>;
  /** Share of new connections under weighted schedulers (1); 0 drains the server. 0..65535. */
  weight?: pulumi.Input<number>;
}

export interface HealthCheckArgs {
  /** "http" (GET a path, expect a status) or "tcp" (connect). */
  type: 'http' | 'tcp';
  /** Path of the HTTP check ("/"); a web server's `healthPath`. */
  path?: pulumi.Input<string>;
  /** Status the HTTP check expects (200). */
  expectStatus?: number;
  /** Seconds between checks (1; fractions allowed). */
  intervalSeconds?: number;
  /** Seconds a connection may take (1). */
  timeoutSeconds?: number;
  /** Failed attempts retried before the server leaves the pool (1). */
  retries?: number;
  /** Seconds between those retries (0.5). */
  retryDelaySeconds?: number;
}

export interface VirtualServiceArgs {
  /** Port on the VIP; DR mode requires the real servers to listen on the same one (a web server's `port`). */
  port: pulumi.Input<number>;
  /** TCP (default) or UDP. */
  protocol?: Protocol;
  /** IPVS scheduler ("wrr"). */
  scheduler?: Scheduler;
  /** Seconds a client sticks to one real server (0: no persistence). */
  persistenceTimeoutSeconds?: number;
  /** The real servers. */
  realServers: RealServerArgs[];
  /** How a dead real server is detected. */
  healthCheck: HealthCheckArgs;
  /** Served only while every real server is down. */
  sorryServer?: { address: pulumi.Input<string>; port?: pulumi.Input<number> };
}

export interface DirectorPairArgs {
  /** The two directors; the first is the preferred VRRP master. */
  directors: [DirectorArgs, DirectorArgs];
  /** Virtual IP addresses the pair shares (usually one). */
  vips: pulumi.Input<string>[];
  /** Prefix length of the VIPs on the directors' NIC (24, the segment's). */
  vipPrefixLength?: number;
  /** VRRP router id, unique on the segment: 1..255. */
  virtualRouterId: number;
  /** Priorities of the first and second director, 1..254 ([150, 100]). */
  priorities?: [number, number];
  /** Seconds between VRRP adverts (1); below 1 needs vrrpVersion 3. Failover takes about 3 × this. */
  advertIntervalSeconds?: number;
  /** VRRP version (3): version 3 allows sub-second adverts and carries no authentication. */
  vrrpVersion?: 2 | 3;
  /** Whether the first director takes the VIP back when it returns (true). */
  preempt?: boolean;
  /** VRRPv2 PASS authentication, at most 8 characters; generated when omitted under version 2. */
  authPassword?: pulumi.Input<string>;
  /** Load-balanced services on the VIPs. */
  services: VirtualServiceArgs[];
  /** Synchronise IPVS connections to the backup so established ones survive a failover (true). */
  connectionSync?: boolean;
}

/** A health check with every default in place. */
export type ResolvedHealthCheck = Required<Omit<HealthCheckArgs, 'path'>> & { path: pulumi.Input<string> };

/** A virtual service with every default in place (persistence stays optional: none means no persistence). */
export interface ResolvedVirtualService extends Omit<VirtualServiceArgs, 'protocol' | 'scheduler' | 'realServers' | 'healthCheck' | 'sorryServer'> {
  protocol: Protocol;
  scheduler: Scheduler;
  realServers: Required<RealServerArgs>[];
  healthCheck: ResolvedHealthCheck;
  sorryServer?: { address: pulumi.Input<string>; port: pulumi.Input<number> };
}

/** The pair's args with every default in place; the password stays optional (generated under version 2 by the component). */
export interface ResolvedDirectorPairArgs extends Required<Omit<DirectorPairArgs, 'authPassword' | 'services'>>, Pick<DirectorPairArgs, 'authPassword'> {
  services: ResolvedVirtualService[];
}

/**
 * The one place the pair's defaults are chosen, so the validator checks the values the component renders.
 * Works on inputs as given: a default never replaces an output, and the services can be resolved again once
 * their outputs are known.
 */
export function resolveDirectorPairDefaults(args: DirectorPairArgs): ResolvedDirectorPairArgs {
  return {
    ...args,
    vipPrefixLength: args.vipPrefixLength ?? 24,
    priorities: args.priorities ?? [150, 100],
    advertIntervalSeconds: args.advertIntervalSeconds ?? 1,
    vrrpVersion: args.vrrpVersion ?? 3,
    preempt: args.preempt ?? true,
    connectionSync: args.connectionSync ?? true,
    services: args.services.map(resolveServiceDefaults),
  };
}

/** A health check's defaults, which `poolChecks` counts with too. */
export function resolveHealthCheckDefaults(check: HealthCheckArgs): ResolvedHealthCheck {
  return {
    type: check.type,
    path: check.path ?? '/',
    expectStatus: check.expectStatus ?? 200,
    intervalSeconds: check.intervalSeconds ?? 1,
    timeoutSeconds: check.timeoutSeconds ?? 1,
    retries: check.retries ?? 1,
    retryDelaySeconds: check.retryDelaySeconds ?? 0.5,
  };
}

function resolveServiceDefaults(service: VirtualServiceArgs): ResolvedVirtualService {
  return {
    ...service,
    protocol: service.protocol ?? Protocols.tcp,
    scheduler: service.scheduler ?? 'wrr',
    realServers: service.realServers.map((real) => ({ ...real, weight: real.weight ?? 1 })),
    healthCheck: resolveHealthCheckDefaults(service.healthCheck),
    sorryServer: service.sorryServer && { address: service.sorryServer.address, port: service.sorryServer.port ?? service.port },
  };
}

/**
 * Every problem with the args, each naming the argument; a non-empty result is an error. The component runs
 * it twice with the same rules: before any resource is created, over what is known then (plain values), and
 * again over every value once outputs (addresses of other resources, the directors' data addresses) resolve,
 * before any keepalived config is rendered.
 */
export function validateDirectorPairArgs(args: DirectorPairArgs, directorAddresses: readonly string[] = []): string[] {
  const problems: string[] = [];
  const pair = resolveDirectorPairDefaults(args);
  if (pair.directors.length !== 2) problems.push(`directors: exactly 2 are needed, got ${pair.directors.length}`);
  if (new Set(directorAddresses).size !== directorAddresses.length) problems.push('directors: the two directors share an address');
  directorAddresses.forEach((address, i) => {
    if (!isIpv4(address)) problems.push(`directors[${i}].host.dataAddress: "${address}" is not an IPv4 address`);
  });
  pair.directors.forEach((director, i) => {
    if (!isInterfaceName(director.interface)) problems.push(`directors[${i}].interface: "${director.interface}" is not a network interface name`);
  });
  if (pair.vips.length === 0) problems.push('vips: at least one VIP is needed');
  const vips = pair.vips.map(knownValue);
  vips.forEach((vip, i) => {
    if (vip === undefined) return;
    if (!isIpv4(vip)) problems.push(`vips[${i}]: "${vip}" is not an IPv4 address`);
    if (directorAddresses.includes(vip)) problems.push(`vips[${i}]: ${vip} is a director's own address`);
  });
  if (!Number.isInteger(pair.virtualRouterId) || !inRange(pair.virtualRouterId, 1, 255))
    problems.push(`virtualRouterId: ${pair.virtualRouterId} is outside 1..255`);
  pair.priorities.forEach((priority, i) => {
    if (!Number.isInteger(priority) || !inRange(priority, 1, 254)) problems.push(`priorities[${i}]: ${priority} is outside 1..254`);
  });
  if (pair.priorities[0] === pair.priorities[1]) problems.push('priorities: the two directors need different priorities');
  if (!inRange(pair.vipPrefixLength, 1, 32)) problems.push(`vipPrefixLength: ${pair.vipPrefixLength} is outside 1..32`);
  const advert = pair.advertIntervalSeconds;
  if (!inRange(advert, 0.01, 255)) problems.push(`advertIntervalSeconds: ${advert} is outside 0.01..255`);
  if (advert < 1 && pair.vrrpVersion !== 3) problems.push(`advertIntervalSeconds: ${advert} below 1 s needs vrrpVersion 3`);
  if (pair.vrrpVersion === 3 && pair.authPassword !== undefined) problems.push('authPassword: VRRP version 3 has no authentication; use version 2 or drop it');
  if (pair.services.length === 0) problems.push('services: at least one virtual service is needed');
  const servicePorts = new Set<string>();
  pair.services.forEach((service, i) => {
    const at = `services[${i}]`;
    const port = knownValue(service.port);
    if (port !== undefined) {
      const key = `${service.protocol}/${port}`;
      if (servicePorts.has(key)) problems.push(`${at}: ${key} is defined twice`);
      servicePorts.add(key);
      if (!isPort(port)) problems.push(`${at}.port: ${port} is outside 1..65535`);
    }
    if (!(Schedulers as readonly string[]).includes(service.scheduler))
      problems.push(`${at}.scheduler: "${service.scheduler}" is not one of ${Schedulers.join(', ')}`);
    if (!inRange(service.persistenceTimeoutSeconds, 0, 2678400)) problems.push(`${at}.persistenceTimeoutSeconds: out of range`);
    if (service.sorryServer) {
      const sorry = { address: knownValue(service.sorryServer.address), port: knownValue(service.sorryServer.port) };
      if (sorry.address !== undefined && !isIpv4(sorry.address)) problems.push(`${at}.sorryServer.address: "${sorry.address}" is not an IPv4 address`);
      if (sorry.port !== undefined && !isPort(sorry.port)) problems.push(`${at}.sorryServer.port: ${sorry.port} is outside 1..65535`);
    }
    if (service.realServers.length === 0) problems.push(`${at}.realServers: at least one real server is needed`);
    const seen = new Set<string>();
    service.realServers.forEach((real, j) => {
      const realAt = `${at}.realServers[${j}]`;
      const address = knownValue(real.address);
      if (address !== undefined) {
        if (!isIpv4(address)) problems.push(`${realAt}.address: "${address}" is not an IPv4 address`);
        if (seen.has(address)) problems.push(`${realAt}.address: ${address} is listed twice`);
        seen.add(address);
        if (vips.includes(address) || directorAddresses.includes(address))
          problems.push(`${realAt}.address: ${address} is a VIP or a director, not a real server`);
      }
      const weight = knownValue(real.weight);
      if (weight !== undefined && (!Number.isInteger(weight) || !inRange(weight, 0, 65535))) problems.push(`${realAt}.weight: ${weight} is outside 0..65535`);
    });
    const check = service.healthCheck;
    const path = knownValue(check.path);
    if (check.type === 'http' && path !== undefined && !path.startsWith('/')) problems.push(`${at}.healthCheck.path: "${path}" must start with /`);
    if (check.type === 'http' && !inRange(check.expectStatus, 100, 599))
      problems.push(`${at}.healthCheck.expectStatus: ${check.expectStatus} is not an HTTP status`);
    for (const field of ['intervalSeconds', 'timeoutSeconds', 'retryDelaySeconds'] as const) {
      if (!inRange(check[field], 0.01, 3600)) problems.push(`${at}.healthCheck.${field}: ${check[field]} is outside 0.01..3600`);
    }
    if (!inRange(check.retries, 0, 100) || !Number.isInteger(check.retries)) problems.push(`${at}.healthCheck.retries: ${check.retries} is outside 0..100`);
  });
  return problems;
}
