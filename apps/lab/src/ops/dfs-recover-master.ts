import { recoverMaster, RecoveryReport } from '@hastack/dfs';
import { osProfile, OpsLog } from '@hastack/host';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { labOpsShell } from './ops-shell';

/** Where the lab's site mounts MooseFS on every web host (the site library's default). */
const MOUNT_PATH = '/srv/shared';

const withRole = (inventory: Inventory, role: InventoryHost['roles'][number]) => inventory.hosts.filter((host) => host.roles.includes(role));

/** `ops dfs:recover-master`: the lab's master rebuilt from its first metalogger. */
export function recoverLabDfsMaster(inventory: Inventory, options: { force?: boolean }, log: OpsLog): Promise<RecoveryReport> {
  const [master] = withRole(inventory, 'dfs-master');
  const [metalogger] = withRole(inventory, 'dfs-metalogger');
  if (!master || !metalogger) throw new Error('the lab has no dfs-master or no dfs-metalogger');
  const profile = osProfile(master.os);
  return recoverMaster({
    master: labOpsShell(master),
    masterAddress: master.address,
    metalogger: labOpsShell(metalogger),
    chunkserverAddresses: withRole(inventory, 'dfs-chunkserver').map((host) => host.address),
    clients: withRole(inventory, 'web').map((host) => ({ shell: labOpsShell(host), mountPath: MOUNT_PATH })),
    dataDir: profile.paths.moosefsDataDir,
    masterUnit: profile.services.moosefsMaster,
    force: options.force,
    log,
  });
}
