import { promoteReplica, type PromoteReplicaArgs, type PromotionReport } from '@hastack/db';
import type { OpsShell } from '@hastack/host';
import type { HostRole } from '@hastack/inventory';
import { repointAppDatabaseScript } from '@hastack/web';

export interface PromoteDatabaseArgs extends PromoteReplicaArgs {
  /** The other replicas' addresses, in the order the site lists them: the application reads from them. */
  otherReplicaAddresses: string[];
  /** Every web host: its application settings name the new primary. */
  web: OpsShell[];
}

/**
 * The site's side of a promotion: the replica becomes the primary (`promoteReplica`), then every web host's
 * application writes to it at once, before any deployment runs. The old primary is left out of the
 * application's replicas: it is fenced, or dead, and replicates from no one until the next deployment
 * makes it a replica of the new primary.
 */
export async function promoteDatabase(args: PromoteDatabaseArgs): Promise<PromotionReport> {
  const report = await promoteReplica(args);
  for (const web of args.web) {
    await web.run(repointAppDatabaseScript(args.candidateAddress, args.otherReplicaAddresses));
    args.log(`${web.name}: the application writes to ${args.candidate.name} (${args.candidateAddress})`);
  }
  return report;
}

/**
 * The site description (or inventory) after a promotion: the candidate holds `db-primary`, the old
 * primary `db-replica` and says `discardData` (it rejoins from a copy of the new primary, the consent the
 * plan's pre-flight asks for), so that the next deployment renders the database as it now runs.
 */
export function promotedDescription<T extends { hosts: readonly { name: string; roles: readonly HostRole[]; discardData?: boolean }[] }>(
  description: T,
  candidate: string,
): T {
  const swap = (roles: readonly HostRole[], from: HostRole, to: HostRole) => roles.map((role) => (role === from ? to : role));
  return {
    ...description,
    hosts: description.hosts.map((host) => {
      if (host.name === candidate) {
        const promoted = { ...host, roles: swap(host.roles, 'db-replica', 'db-primary') };
        // The new primary's data is the site's now: no consent to lose it may stay behind.
        delete promoted.discardData;
        return promoted;
      }
      return host.roles.includes('db-primary') ? { ...host, roles: swap(host.roles, 'db-primary', 'db-replica'), discardData: true } : host;
    }),
  };
}
