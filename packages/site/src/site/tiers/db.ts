import { DatabaseMemberArgs, ReplicatedDatabase } from '@hastack/db';
import type { SiteContext } from '../site-context';

export interface DbTierOptions {
  /** Destroy deletes the database's data folder and backups too (false: they stay on the hosts). */
  purgeData?: boolean;
  /** The application's database ("hastack"). */
  databaseName?: string;
  /** The application's user ("hastack_app"). */
  databaseUser?: string;
}

/**
 * MariaDB on the `db-primary` and `db-replica` hosts: the application's user may log in from the `web`
 * hosts only, the monitoring user from the `monitoring` hosts only.
 */
export function composeDb(site: SiteContext, options: DbTierOptions): ReplicatedDatabase {
  const members: DatabaseMemberArgs[] = [
    ...site.hostsWith('db-primary').map(({ host }) => ({ host, role: 'primary' as const })),
    ...site.hostsWith('db-replica').map(({ entry, host }) => ({ host, role: 'replica' as const, discardData: entry.discardData })),
  ];
  return new ReplicatedDatabase(
    'db',
    {
      members,
      database: options.databaseName ?? 'hastack',
      user: options.databaseUser ?? 'hastack_app',
      appClients: site.hostsWith('web').map(({ host }) => host.dataAddress),
      monitoringClients: site.hostsWith('monitoring').map(({ host }) => host.dataAddress),
      purgeData: options.purgeData,
    },
    { parent: site.parent },
  );
}
