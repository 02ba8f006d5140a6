import type { ReplicatedDatabase } from '@hastack/db';
import type { MooseFsMount } from '@hastack/dfs';
import { RealServerVip } from '@hastack/director';
import { WebServer } from '@hastack/web';
import type { SiteContext } from '../site-context';

export interface WebTierInputs {
  /** The site's database, when the db tier is deployed: the application's settings name it. */
  database?: ReplicatedDatabase;
  /** The MooseFS mounts of the web hosts, in the order of `site.hostsWith('web')` (composeDfs's), or none. */
  dfsMounts: readonly MooseFsMount[];
}

/** Every `web` host: the real-server VIP on lo first, then Apache with the application's settings. */
export function composeWeb(site: SiteContext, inputs: WebTierInputs): WebServer[] {
  const { database } = inputs;
  return site.hostsWith('web').map(({ host }, index) => {
    const vip = new RealServerVip(`${host.name}-real-server`, { host, vips: [site.description.vip] }, { parent: site.parent });
    const mount = inputs.dfsMounts.at(index);
    return new WebServer(
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
      },
      // The settings name the mount's folder; the application may use it as soon as Apache serves.
      { parent: site.parent, dependsOn: [vip, ...(mount ? [mount] : [])] },
    );
  });
}
