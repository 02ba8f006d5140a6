import { UserError } from '@hastack/host';
import type { ReplicatedDatabase } from '@hastack/db';
import type { MooseFsMount } from '@hastack/dfs';
import { poolChecks, RealServerVip } from '@hastack/director';
import { appBundle, AppRelease, resolveAppRolloutDefaults, validateAppRollout, WebServer } from '@hastack/web';
import type { SiteContext, SiteHost } from '../site-context';
import { webHealthCheck } from './director';

/** The application the web tier serves, released host by host (batch by batch) over the pool. */
export interface SiteApp {
  /** The application's folder on this machine (the developers' program): index.php or index.html at its top. */
  appDir: string;
  /** Releases kept on each host, the live one included (3). */
  keep?: number;
  /** Hosts switched at a time (1): the rest of the pool serves meanwhile. */
  batchSize?: number;
  /** The path that must answer 200 on a new release before it goes live, and once live ("/"). */
  checkPath?: string;
  /** The most the application's files may weigh, in MiB (64): a larger folder is refused before any host is touched. */
  maxBundleMiB?: number;
}

export interface WebTierOptions {
  /** The application; without it each web host serves a page naming itself. */
  app?: SiteApp;
  /** Further Apache directives on every web host (`WebServerArgs.apacheSettings`). */
  apacheSettings?: readonly string[];
}

export interface WebTierInputs extends WebTierOptions {
  /** The site's database, when the db tier is deployed: the application's settings name it. */
  database?: ReplicatedDatabase;
  /** The MooseFS mount of each web host by its name (composeDfs's), or none. */
  dfsMounts: ReadonlyMap<string, MooseFsMount>;
  /** Whether directors balance the web hosts: a release then takes each host out of their pool for its switch. */
  balanced: boolean;
}

/** A web host as the tier made it: its entry and connection, with the VIP on `lo` and Apache serving. */
export interface WebNode extends SiteHost {
  readonly realServerVip: RealServerVip;
  readonly server: WebServer;
}

/**
 * Refuses an application the web tier could not release (its folder, its size, the roll-out settings for a
 * pool of `poolSize`): called before any tier is composed, as the engine starts on the first resource registered.
 */
export function checkSiteApp(app: SiteApp, poolSize: number): void {
  const problems = validateAppRollout({ ...app, poolSize });
  if (problems.length) throw new UserError(`app:\n  ${problems.join('\n  ')}`);
}

/**
 * The application's releases, chained batch after batch: a batch starts when the one before it is live
 * and back in the pool, and one that fails stops the roll-out there, the old release serving everywhere
 * it did not reach.
 */
function releaseApp(site: SiteContext, app: SiteApp, nodes: readonly WebNode[], balanced: boolean): AppRelease[] {
  const bundle = appBundle(app.appDir, app);
  const { batchSize } = resolveAppRolloutDefaults({ ...app, poolSize: nodes.length });
  const checks = poolChecks(webHealthCheck(nodes[0].server.healthPath));
  const directors = site.hostsWith('director').map(({ host }) => host.dataAddress);
  const batchOf = (index: number) => Math.floor(index / batchSize);
  const releases: AppRelease[] = [];
  nodes.forEach(({ host, server }, index) => {
    const previousBatch = releases.slice(Math.max(0, index - (index % batchSize) - batchSize), index - (index % batchSize));
    const peers = nodes.filter((_, other) => batchOf(other) !== batchOf(index)).map((node) => node.host.dataAddress);
    const pool = balanced ? { directors, peers, failedChecks: checks.leave, passedChecks: checks.rejoin } : undefined;
    releases.push(
      new AppRelease(
        `${host.name}-app`,
        { host, webServer: server, bundle, keep: app.keep, checkPath: app.checkPath, pool },
        { parent: site.parent, dependsOn: previousBatch },
      ),
    );
  });
  return releases;
}

/**
 * Every `web` host: the real-server VIP on lo first, then Apache with the application's settings, then the
 * application. The VIPs come from the site's network, not from the directors' outputs: a web host must carry
 * them before the directors forward to it, so the directors are made after the web hosts.
 */
export function composeWeb(site: SiteContext, inputs: WebTierInputs): WebNode[] {
  const { database } = inputs;
  const nodes = site.hostsWith('web').map(({ entry, host }): WebNode => {
    const realServerVip = new RealServerVip(`${host.name}-real-server`, { host, vips: [...site.network.vips] }, { parent: site.parent });
    const mount = inputs.dfsMounts.get(entry.name);
    const server = new WebServer(
      `${host.name}-web`,
      {
        host,
        database: database && {
          primaryAddress: database.primaryAddress,
          replicaAddresses: database.replicaAddresses,
          port: database.port,
          database: database.database,
          user: database.user,
          password: database.password,
        },
        sharedDir: mount?.where,
        placeholderPage: inputs.app === undefined,
        apacheSettings: inputs.apacheSettings,
      },
      // The settings name the mount's folder; the application may use it as soon as Apache serves.
      { parent: site.parent, dependsOn: [realServerVip, ...(mount ? [mount] : [])] },
    );
    return { entry, host, realServerVip, server };
  });
  if (inputs.app) releaseApp(site, inputs.app, nodes, inputs.balanced);
  return nodes;
}
