import { MooseFsCluster, MooseFsMount } from '@hastack/dfs';
import type { Host } from '@hastack/host';
import type { SiteContext } from '../site-context';

export interface DfsTierOptions {
  /** Destroy deletes the MooseFS metadata and chunks too (false: they stay on the hosts). */
  purgeData?: boolean;
  /**
   * Name of the host that mounts the tree to administer it (the goal) and holds the one admin export: the
   * `dfs-master` (default). It needs FUSE.
   */
  dfsAdminHost?: string;
  /** Minimum seconds per pass of the MooseFS master's chunk loop, which starts the repair of chunks under goal (300). */
  dfsChunkLoopSeconds?: number;
  /**
   * Seconds a file operation on a web host's mount waits for the MooseFS master or a chunkserver before it
   * fails (1): while the master is away, pages that touch the shared tree answer with an error within
   * seconds instead of holding every Apache worker until the directors' health checks take the hosts out of the pool.
   */
  dfsMountTimeoutSeconds?: number;
}

/** The admin host by name: the master or a web host, which has the client and FUSE anyway. */
function adminHostNamed(site: SiteContext, name: string | undefined): Host | undefined {
  if (name === undefined) return undefined;
  const found = [...site.hostsWith('dfs-master'), ...site.hostsWith('web')].find(({ entry }) => entry.name === name);
  if (!found) throw new Error(`dfsAdminHost: "${name}" is neither the dfs-master nor a web host`);
  return found.host;
}

/** The MooseFS cluster and each web host's mount of it, by the host's name. */
export interface DfsTier {
  readonly cluster: MooseFsCluster;
  readonly mounts: ReadonlyMap<string, MooseFsMount>;
}

/**
 * MooseFS on the `dfs-*` hosts, exported to the `web` hosts only, and mounted on each of them at
 * /srv/shared once the cluster is up.
 */
export function composeDfs(site: SiteContext, options: DfsTierOptions): DfsTier {
  const [master] = site.hostsWith('dfs-master');
  const webHosts = site.hostsWith('web');
  const cluster = new MooseFsCluster(
    'dfs',
    {
      // Without a dfs-master the cluster's validation names the missing master.
      master: master?.host as Host,
      metaloggers: site.hostsWith('dfs-metalogger').map(({ host }) => host),
      chunkservers: site.hostsWith('dfs-chunkserver').map(({ host }) => host),
      clients: webHosts.map(({ host }) => host.dataAddress),
      adminHost: adminHostNamed(site, options.dfsAdminHost),
      purgeData: options.purgeData,
      chunkLoopSeconds: options.dfsChunkLoopSeconds,
    },
    { parent: site.parent },
  );
  const mounts = new Map(
    webHosts.map(({ entry, host }) => [
      entry.name,
      new MooseFsMount(
        `${host.name}-shared`,
        { host, master: cluster.masterAddress, ioTimeoutSeconds: options.dfsMountTimeoutSeconds ?? 1 },
        { parent: site.parent, dependsOn: cluster },
      ),
    ]),
  );
  return { cluster, mounts };
}
