import { waitUntil, type OpsLog, type OpsShell } from '@hastack/host';
import { mfscliCommand, MfscliSections, parseChunkservers } from '../mfscli';
import { MOOSEFS_USER } from '../moosefs-cluster/cluster-hosts';
import { masterRunningScript, metaloggerFilesScript, mountAnswersScript, restoreMasterScript } from './recover-master-scripts';

export interface RecoverMasterArgs {
  /** The master's host: the one that lost its metadata (a new host takes a stack change, not this). */
  master: OpsShell;
  /** The address the chunkservers and clients reach the master at. */
  masterAddress: string;
  /** The metalogger whose copy is restored. */
  metalogger: OpsShell;
  /** Every chunkserver's address: each must reconnect. */
  chunkserverAddresses: string[];
  /** Every client mount: each must answer again. */
  clients: { shell: OpsShell; mountPath: string }[];
  /** The MooseFS data folder (the OS profile's `moosefsDataDir`), the same on master and metalogger. */
  dataDir: string;
  /** The master's systemd unit (the OS profile's `services.moosefsMaster`). */
  masterUnit: string;
  /** Recover even though the master runs (it is rolled back to the metalogger's copy). */
  force?: boolean;
  /** How long chunkservers and mounts get to come back (60 s). */
  timeoutMs?: number;
  log: OpsLog;
}

export interface RecoveryReport {
  /** Where the master's own metadata files were moved (nothing is deleted). */
  asideFolder: string;
  /** From the start to every chunkserver and mount back. */
  seconds: number;
}

/**
 * Rebuilds a MooseFS master's metadata from a metalogger: the metalogger's metadata copy and change
 * logs go onto the master host, `mfsmaster -a` replays them, the master starts, and the procedure waits
 * until every chunkserver is connected again and every client mount answers. Refuses to touch a
 * running master unless forced.
 */
export async function recoverMaster(args: RecoverMasterArgs): Promise<RecoveryReport> {
  const started = Date.now();
  const timeoutMs = args.timeoutMs ?? 60000;
  const state = (await args.master.run(masterRunningScript(args.masterUnit))).trim();
  if (state === 'running' && !args.force) {
    throw new Error(
      `the MooseFS master on ${args.master.name} is running: a recovery would roll it back to ${args.metalogger.name}'s copy. ` +
        'Stop it first, or recover anyway with --force',
    );
  }
  args.log(`master on ${args.master.name}: ${state}; taking the metadata copy and change logs of ${args.metalogger.name}`);
  const files = await args.metalogger.run(metaloggerFilesScript(args.dataDir));
  const asideFolder = (await args.master.run(restoreMasterScript(args.dataDir, args.masterUnit, MOOSEFS_USER), files)).trim();
  args.log(`master on ${args.master.name} rebuilt and started; its own files are in ${asideFolder}`);

  await waitUntil(
    'every chunkserver to connect',
    async () => {
      const listing = parseChunkservers(await args.master.run(mfscliCommand(args.masterAddress, MfscliSections.chunkservers)));
      const connected = new Set(listing.connected.map((cs) => cs.address));
      return args.chunkserverAddresses.every((address) => connected.has(address));
    },
    timeoutMs,
    1000,
  );
  args.log(`chunkservers connected: ${args.chunkserverAddresses.join(', ')}`);
  for (const client of args.clients) {
    await waitUntil(
      `${client.shell.name}'s mount ${client.mountPath} to answer`,
      () => client.shell.run(mountAnswersScript(client.mountPath)),
      timeoutMs,
      1000,
    );
    args.log(`${client.shell.name}: ${client.mountPath} answers`);
  }
  return { asideFolder, seconds: (Date.now() - started) / 1000 };
}
