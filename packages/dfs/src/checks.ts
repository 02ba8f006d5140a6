import { conditionCheck, unitCheck } from '@hastack/host';
import type { Host, TierCheck } from '@hastack/host';
import { chunkserversConnectedCommand, freeSpaceCommand, noUndergoalCommand } from './mfscli';
import { METALOGGER_METADATA_FILE } from './moosefs-cluster/render-metalogger-cfg';

export type { TierCheck } from '@hastack/host';

/** Free space on the chunkservers, in percent, below which the space check warns and is critical. */
const FREE_SPACE_PERCENT: [number, number] = [20, 10];

/**
 * On the master: its daemon, and the cluster as the master sees it (chunkservers connected, chunks under goal,
 * space), which a stopped master explains.
 */
export function masterChecks(master: Host, chunkservers: number): TierCheck[] {
  const daemon = { host: master.name, name: 'moosefs-master' };
  return [
    { ...daemon, command: unitCheck(master.profile.services.moosefsMaster) },
    {
      host: master.name,
      name: 'moosefs-chunkservers',
      command: master.dataAddress.apply((address) => chunkserversConnectedCommand(address, chunkservers)),
      dependsOn: [daemon],
    },
    { host: master.name, name: 'moosefs-undergoal', command: master.dataAddress.apply(noUndergoalCommand), dependsOn: [daemon] },
    {
      host: master.name,
      name: 'moosefs-space',
      command: master.dataAddress.apply((address) => freeSpaceCommand(address, FREE_SPACE_PERCENT)),
      dependsOn: [daemon],
    },
  ];
}

export function chunkserverChecks(chunkserver: Host): TierCheck[] {
  return [{ host: chunkserver.name, name: 'moosefs-chunkserver', command: unitCheck(chunkserver.profile.services.moosefsChunkserver) }];
}

/** On a metalogger: its daemon, and its metadata copy refreshed every period (ten minutes' grace cover the download). */
export function metaloggerChecks(metalogger: Host, metadataDownloadHours: number): TierCheck[] {
  return [
    { host: metalogger.name, name: 'moosefs-metalogger', command: unitCheck(metalogger.profile.services.moosefsMetalogger) },
    {
      host: metalogger.name,
      name: 'moosefs-metadata-backup',
      command: conditionCheck(
        `find ${metalogger.profile.paths.moosefsDataDir}/${METALOGGER_METADATA_FILE} -mmin -${metadataDownloadHours * 60 + 10} | grep -q .`,
        'metadata copy is recent',
        `no metadata copy in the last ${metadataDownloadHours} h`,
      ),
    },
  ];
}

/** On a client: the tree mounted, and answering within ten seconds (a hung FUSE mount blocks `stat`). */
export function mountChecks(client: Host, where: string): TierCheck[] {
  return [
    {
      host: client.name,
      name: 'moosefs-mount',
      command: conditionCheck(`mountpoint -q ${where} && timeout 10 stat -f ${where} >/dev/null`, `${where} mounted`, `${where} not mounted or not answering`),
    },
  ];
}
