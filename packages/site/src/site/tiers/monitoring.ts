import * as pulumi from '@pulumi/pulumi';
import { CheckRunners, shellQuote, type TierCheck, UserError } from '@hastack/host';
import type { HostRole, SiteDescription } from '@hastack/inventory';
import { MONITORING_CLIENT_CONFIG, type ReplicatedDatabase } from '@hastack/db';
import { directorChecks } from '@hastack/director';
import { BaseCheckThresholds, CheckIntervals, MonitoredServiceArgs, NagiosServer, NagiosServerArgs, NagiosWeb, NrpeAgent } from '@hastack/monitoring';
import { HTTP_PORT, httpCheckCommand } from '@hastack/web';
import type { SiteContext, SiteHost } from '../site-context';
import type { DfsTier } from './dfs';
import type { WebNode } from './web';

export interface MonitoringTierOptions {
  /** Check and notification timing of the Nagios server (every 60 s, retries every 30 s, HARD after 3, reminders hourly). */
  checkIntervals?: Partial<CheckIntervals>;
  /** Further `nagios.cfg` settings, checked by `nagios -v` with the rest. */
  nagiosSettings?: Record<string, string | number>;
  /** Thresholds of every host's base checks (disk, load, swap, processes). */
  baseCheckThresholds?: BaseCheckThresholds;
  /** SMS alerts: provider, credentials (a secret), recipients, and the notifier's limits; no alerts without. */
  sms?: NagiosServerArgs['sms'];
  /**
   * Nagios's web interface on the monitoring host, for the description's `network.admin` only, behind a
   * generated password: on wherever the description names an admin network, unless `false`; read-only
   * unless `allowCommands`.
   */
  nagiosWeb?: false | { user?: string; allowCommands?: boolean };
}

/** What the monitoring tier made. */
export interface MonitoringTier {
  server: NagiosServer;
  /** The web interface, where the site has one. */
  web?: NagiosWeb;
}

/** Refuses, before any resource, a web interface asked for where the description names no admin network to open it to. */
export function checkMonitoringOptions(description: SiteDescription, options: MonitoringTierOptions): void {
  if (options.nagiosWeb && !description.network.admin)
    throw new UserError('nagiosWeb: the Nagios web interface opens to network.admin only: name the admin addresses in the description');
}

/** What the other tiers made, for the monitoring tier to watch. */
export interface WatchedTiers {
  /** The tiers deployed, each with the roles that give it hosts: a host's tiers are its Nagios host groups. */
  tierRoles: Readonly<Record<string, readonly HostRole[]>>;
  /** Whether the director pair is deployed (it balances the `web` hosts). */
  directors: boolean;
  /** The web hosts as the web tier made them, when it is deployed. */
  web: readonly WebNode[];
  database?: ReplicatedDatabase;
  dfs?: DfsTier;
}

/** The Nagios host standing for the site's VIP: what users reach, whichever director holds it. */
export const SITE_VIP_HOST = 'site-vip';

/** OK when exactly one of the hosts' NRPE command prints the marker (one VRRP master), CRITICAL otherwise. */
export function exactlyOneCheck(addresses: readonly string[], nrpeCommand: string, marker: string): string {
  const asks = addresses.map(
    (address) => `check_nrpe -H ${shellQuote(address)} -t 10 -c ${shellQuote(nrpeCommand)} | grep -qF ${shellQuote(marker)} && n=$((n+1))`,
  );
  return `n=0; ${asks.join('; ')}; if [ "$n" -eq 1 ]; then echo "OK: one of ${addresses.length} says ${marker}"; else echo "CRITICAL: $n of ${addresses.length} say ${marker}"; exit 2; fi`;
}

function tierChecks(site: SiteContext, watched: WatchedTiers): TierCheck[] {
  const directors = watched.directors ? site.hostsWith('director') : [];
  const pool = watched.web.filter(({ entry }) => entry.weight > 0);
  // A real server's own failure (its daemon, its health URL) explains a smaller pool on the directors.
  const explainedBy = pool.flatMap(({ server }) => server.checks.map(({ host, name }) => ({ host, name })));
  return [
    ...directors.flatMap(({ host }) => directorChecks(host, site.network.vips, { port: HTTP_PORT, realServers: pool.length, explainedBy })),
    ...watched.web.flatMap(({ server }) => server.checks),
    ...(watched.database?.checks ?? []),
    ...(watched.dfs ? [...watched.dfs.cluster.checks, ...[...watched.dfs.mounts.values()].flatMap((mount) => mount.checks)] : []),
  ];
}

/**
 * NRPE on the monitoring host and on every host of the deployed tiers, answering the monitoring host
 * only and running that host's tier checks; Nagios on the monitoring host, watching every such host
 * (base checks, tier checks through NRPE or from Nagios itself) and the site's VIP.
 */
export function composeMonitoring(site: SiteContext, watched: WatchedTiers, options: MonitoringTierOptions): MonitoringTier | undefined {
  const monitoring = site.hostsWith('monitoring');
  const monitoringAddresses = monitoring.map(({ entry }) => entry.address);
  const hosts = new Map<string, SiteHost & { groups: string[] }>();
  for (const [tier, roles] of Object.entries(watched.tierRoles))
    for (const role of roles)
      for (const siteHost of site.hostsWith(role)) {
        const known = hosts.get(siteHost.entry.name) ?? { ...siteHost, groups: [] };
        if (!known.groups.includes(tier)) known.groups.push(tier);
        hosts.set(siteHost.entry.name, known);
      }
  const checks = tierChecks(site, watched);
  const onHost = (name: string) => checks.filter((check) => check.host === name && check.runsOn !== CheckRunners.monitoringServer);
  const services: MonitoredServiceArgs[] = [];
  const agents = new Map<string, NrpeAgent>();
  for (const { entry, host } of hosts.values()) {
    const agent = new NrpeAgent(
      `${host.name}-nrpe`,
      {
        host,
        listenAddress: entry.address,
        monitoringAddresses,
        commands: onHost(entry.name).map((check) => ({ name: check.name, command: check.command })),
        thresholds: options.baseCheckThresholds,
      },
      { parent: site.parent },
    );
    agents.set(entry.name, agent);
    services.push(...agent.commandNames.map((name) => ({ host: entry.name, name })));
  }
  services.push(
    ...checks.filter((check) => check.runsOn === CheckRunners.monitoringServer).map((check) => ({ host: check.host, name: check.name, active: check.command })),
  );
  const causes = new Map(checks.map((check) => [`${check.host}/${check.name}`, check.dependsOn]));

  const [server] = monitoring;
  if (server === undefined) return undefined;
  const [vip] = site.network.vips;
  const directorAddresses = watched.directors ? site.hostsWith('director').map(({ entry }) => entry.address) : [];
  // The VIP is watched as the web servers serve it: on their port, with their health path.
  const [aWebNode] = watched.web;
  const vipCheck = (path: pulumi.Input<string>) => pulumi.all([aWebNode.server.port, path]).apply(([port, at]) => httpCheckCommand(vip, port, at));
  const siteHost = aWebNode ? [{ name: SITE_VIP_HOST, address: vip, groups: ['site'], aliveCheck: vipCheck(aWebNode.server.healthPath) }] : [];
  if (aWebNode) {
    services.push({ host: SITE_VIP_HOST, name: 'http-page', active: vipCheck('/') });
    if (directorAddresses.length) services.push({ host: SITE_VIP_HOST, name: 'vrrp', active: exactlyOneCheck(directorAddresses, 'vip', '(MASTER)') });
  }
  const database = watched.database;
  // The database checks run here as the tier's status-only user.
  const checkFiles = database
    ? [
        {
          path: MONITORING_CLIENT_CONFIG,
          content: pulumi.secret(pulumi.interpolate`[client]\nuser=${database.monitoringUser}\npassword=${database.monitoringPassword}\n`),
        },
      ]
    : [];
  const serverAgent = agents.get(server.entry.name);
  const nagios = new NagiosServer(
    `${server.host.name}-nagios`,
    {
      host: server.host,
      hosts: [...[...hosts.values()].map(({ entry, groups }) => ({ name: entry.name, address: entry.address, groups })), ...siteHost],
      services: services.map((service) => ({ ...service, dependsOn: causes.get(`${service.host}/${service.name}`) })),
      intervals: options.checkIntervals,
      checkFiles,
      settings: options.nagiosSettings,
      sms: options.sms,
    },
    // The server's plugins include the agent's: installed after the agent on its host, it is removed before
    // it, so the agent's removal, the last, purges the plugins they share instead of each leaving them to the other.
    { parent: site.parent, dependsOn: serverAgent ? [serverAgent] : [] },
  );
  const admin = site.description.network.admin;
  const web =
    options.nagiosWeb !== false && admin
      ? new NagiosWeb(
          `${server.host.name}-nagios-web`,
          { host: server.host, adminSources: admin, ...options.nagiosWeb },
          { parent: site.parent, dependsOn: nagios },
        )
      : undefined;
  return { server: nagios, web };
}
