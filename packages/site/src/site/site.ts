import * as pulumi from '@pulumi/pulumi';
import { defineHost, HostArgs, RecordedHostKey } from '@hastack/host';
import type { HostRole, SiteDescription, SiteDescriptionHost } from '@hastack/inventory';
import type { ReplicatedDatabase } from '@hastack/db';
import type { FailoverTimes } from '@hastack/director';
import type { SiteLayout } from './plan-safety';
import { siteNetwork, type SiteContext } from './site-context';
import { composeDirectors, DirectorTierOptions } from './tiers/director';
import { checkSiteApp, composeWeb, WebTierOptions } from './tiers/web';
import { composeDfs, DfsTierOptions } from './tiers/dfs';
import { composeDb, DbTierOptions } from './tiers/db';
import { checkMonitoringOptions, composeMonitoring, MonitoringTierOptions, type MonitoringTier } from './tiers/monitoring';

/** The tiers a site composes; a stack may deploy a subset, for example while one tier is worked on. */
export const SiteTiers = ['director', 'web', 'db', 'dfs', 'monitoring'] as const;
export type SiteTier = (typeof SiteTiers)[number];

/** The roles that give a tier its hosts. */
export const TierRoles: Readonly<Record<SiteTier, readonly HostRole[]>> = {
  director: ['director'],
  web: ['web'],
  db: ['db-primary', 'db-replica'],
  dfs: ['dfs-master', 'dfs-metalogger', 'dfs-chunkserver'],
  monitoring: ['monitoring'],
};

/** The tiers a description gives hosts to: a site without database or file-system hosts has neither tier. */
export function describedTiers(description: SiteDescription): SiteTier[] {
  return SiteTiers.filter((tier) => description.hosts.some((host) => host.roles.some((role) => TierRoles[tier].includes(role))));
}

export interface SiteArgs extends DirectorTierOptions, DfsTierOptions, DbTierOptions, WebTierOptions, MonitoringTierOptions {
  /** The site description, validated by `@hastack/inventory`: hosts and roles, network, VIP, VRRP router id. */
  description: SiteDescription;
  /** The SSH private key for a host (kept secret): read from its `privateKeyPath`, or one from stack config. */
  privateKey: (host: SiteDescriptionHost) => pulumi.Input<string>;
  /** Tiers to deploy (those the description gives hosts to). */
  tiers?: readonly SiteTier[];
  /**
   * What `guardSitePlan` returned: a host renamed since its files and units were written keeps its original
   * name on the host, so the rename rewrites nothing there.
   */
  layout?: SiteLayout;
}

/**
 * The whole site: each tier on the hosts holding its role, wired to the others' outputs (the directors
 * take the web servers' addresses, port and health path). A new tier is one composer in `tiers/`.
 */
export class Site extends pulumi.ComponentResource {
  /** The site's URL through the VIP. */
  public readonly url: pulumi.Output<string>;
  /** The database the web tier connects to (primary and replica addresses, database, user, password), with the db tier. */
  public readonly database: ReplicatedDatabase | undefined;
  /** The directors' VIPs (empty without the director tier). */
  public readonly vips: pulumi.Output<string[]>;
  /** How soon the backup director takes the VIP, and a dead web host leaves the pool, with the director tier. */
  public readonly failoverTimes: pulumi.Output<FailoverTimes> | undefined;
  /** Each host's SSH host key that every connection verifies: the description's, else the one recorded on first use. */
  public readonly hostKeys: pulumi.Output<Record<string, string>>;
  /** Nagios and its web interface, with the monitoring tier. */
  public readonly monitoring: MonitoringTier | undefined;
  /** Where and as whom an admin opens Nagios's web interface (the password a secret), where the site has one. */
  public readonly nagiosWeb: { url: pulumi.Output<string>; user: string; password: pulumi.Output<string> } | undefined;

  constructor(name: string, args: SiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:site:Site', name, {}, opts);
    const { description } = args;
    const tiers = new Set(args.tiers ?? describedTiers(description));
    if (tiers.has('web') && args.app) checkSiteApp(args.app, description.hosts.filter((entry) => entry.roles.includes('web')).length);
    if (tiers.has('monitoring')) checkMonitoringOptions(description, args);
    const originalNames = new Map(args.layout?.hosts.map((host) => [host.name, host.originalName]));
    const hosts = new Map(
      description.hosts.map((entry) => {
        const hostArgs: HostArgs = {
          name: entry.name,
          originalName: originalNames.get(entry.name),
          address: entry.address,
          port: entry.port,
          user: entry.user,
          os: entry.os,
          privateKey: args.privateKey(entry),
          adminSources: description.network.admin,
        };
        // A host no deployed tier uses is never connected to, and has no key to record.
        const used = entry.roles.some((role) => [...tiers].some((tier) => TierRoles[tier].includes(role)));
        const hostKey =
          entry.hostKey ?? (used ? new RecordedHostKey(`${entry.name}-host-key`, { host: defineHost(hostArgs) }, { parent: this }).publicKey : undefined);
        return [entry.name, defineHost({ ...hostArgs, hostKey })];
      }),
    );
    const site: SiteContext = {
      description,
      network: siteNetwork(description),
      parent: this,
      hostsWith: (role: HostRole) => description.hosts.filter((entry) => entry.roles.includes(role)).map((entry) => ({ entry, host: hosts.get(entry.name)! })),
    };

    this.database = tiers.has('db') ? composeDb(site, args) : undefined;
    // The web servers' settings name the database and the shared folder: both are composed first.
    const dfs = tiers.has('dfs') ? composeDfs(site, args) : undefined;
    const web = tiers.has('web')
      ? composeWeb(site, {
          database: this.database,
          dfsMounts: dfs?.mounts ?? new Map(),
          app: args.app,
          apacheSettings: args.apacheSettings,
          balanced: tiers.has('director'),
        })
      : [];
    const directors = tiers.has('director') ? composeDirectors(site, web, args) : undefined;
    if (tiers.has('monitoring')) {
      const tierRoles = Object.fromEntries([...tiers].map((tier) => [tier, TierRoles[tier]]));
      this.monitoring = composeMonitoring(site, { tierRoles, directors: directors !== undefined, web, database: this.database, dfs }, args);
    }

    const nagiosWeb = this.monitoring?.web;
    this.nagiosWeb = nagiosWeb && { url: nagiosWeb.url, user: nagiosWeb.user, password: nagiosWeb.password };
    this.vips = directors ? directors.vips : pulumi.output([]);
    this.failoverTimes = directors?.failoverTimes;
    this.url = pulumi.output(`http://${site.network.vips[0]}/`);
    const verified = [...hosts].filter(([, host]) => host.connection.hostKey !== undefined);
    this.hostKeys = pulumi.all(Object.fromEntries(verified.map(([hostName, host]) => [hostName, pulumi.output(host.connection.hostKey!)])));
    this.registerOutputs({ url: this.url, vips: this.vips, failoverTimes: this.failoverTimes, hostKeys: this.hostKeys, nagiosWeb: this.nagiosWeb });
  }
}

/** Names of the hosts by role, as a stack output. */
export function hostsByName(description: SiteDescription): Record<string, HostRole[]> {
  return Object.fromEntries(description.hosts.map((entry) => [entry.name, entry.roles]));
}
