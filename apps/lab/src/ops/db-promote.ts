import { writeFileSync } from 'node:fs';
import type { OpsLog } from '@hastack/host';
import type { Inventory } from '@hastack/inventory';
import { readInventory } from '@hastack/lab-machines';
import { promoteDatabase, promotedDescription } from '@hastack/site';
import { describeChanges, selectLabStack } from '../deploy/lab-stack';
import { labOpsShell } from './ops-shell';

/** A primary that takes longer than this to answer a status query is not there. */
const PRIMARY_ANSWER_MS = 15000;

export interface LabPromotion {
  seconds: number;
  fenced: boolean;
  /** What the deployment that followed changed; undefined when the old primary is dead (none ran). */
  converged?: string;
}

/**
 * `ops db:promote HOST [--primary-is-dead]` on the lab: the replica becomes the primary and the web hosts
 * write to it, the lab's inventory says so, and (old primary alive) the lab stack is deployed so the old
 * primary replicates from the new one; the deployment after that changes nothing.
 */
export async function promoteLabDb(
  inventory: Inventory,
  hostName: string,
  options: { primaryIsDead?: boolean; inventoryPath: string; stack: string },
  log: OpsLog,
): Promise<LabPromotion> {
  const withRole = (role: Inventory['hosts'][number]['roles'][number]) => inventory.hosts.filter((host) => host.roles.includes(role));
  const candidate = withRole('db-replica').find((host) => host.name === hostName);
  if (!candidate) {
    throw new Error(
      `"${hostName}" is not a database replica of the lab (replicas: ${
        withRole('db-replica')
          .map((host) => host.name)
          .join(', ') || 'none'
      })`,
    );
  }
  const [primary] = withRole('db-primary');
  const others = withRole('db-replica').filter((host) => host !== candidate);
  const report = await promoteDatabase({
    candidate: labOpsShell(candidate),
    candidateAddress: candidate.address,
    primary: labOpsShell(primary, PRIMARY_ANSWER_MS),
    primaryAddress: primary.address,
    otherReplicas: others.map((host) => labOpsShell(host)),
    otherReplicaAddresses: others.map((host) => host.address),
    web: withRole('web').map((host) => labOpsShell(host)),
    primaryIsDead: options.primaryIsDead,
    log,
  });
  const promoted = promotedDescription(inventory, candidate.name);
  writeFileSync(options.inventoryPath, `${JSON.stringify(promoted, null, 2)}\n`);
  readInventory(options.inventoryPath);
  log(`${options.inventoryPath}: ${candidate.name} is the db-primary, ${primary.name} a db-replica`);
  if (options.primaryIsDead) {
    log(`once ${primary.name} is back, \`npm run lab\` makes it a replica of ${candidate.name} (from a fresh copy)`);
    return { seconds: report.seconds, fenced: report.fenced };
  }
  log(`deploying the stack "${options.stack}": ${primary.name} becomes a replica of ${candidate.name}`);
  const result = await (await selectLabStack(promoted, {}, options.stack)).up();
  const converged = describeChanges(result.summary.resourceChanges);
  log(`deployed: ${converged}`);
  return { seconds: report.seconds, fenced: report.fenced, converged };
}
