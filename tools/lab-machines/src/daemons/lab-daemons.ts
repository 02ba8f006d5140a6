import * as path from 'node:path';
import { SmsSinkPort } from '../inventory/inventory';
import { MirrorHttpPort } from '../mirror/mirror';
import { LabPaths } from '../paths';
import { LabNetwork } from '../topology/topology';
import { Daemon } from './daemon';

const sourceDir = path.resolve(__dirname, '..');
const SmsSinkEntry = path.join(sourceDir, 'sms-sink/main.ts');
const MirrorServerEntry = path.join(sourceDir, 'mirror/main.ts');

/** The machine's services on the bridge: the SMS sink, and the mirror over HTTP for the VMs. */
export function labDaemons(paths: LabPaths, mirrorDir: string): Daemon[] {
  return [
    {
      name: 'sms-sink',
      entry: SmsSinkEntry,
      args: [LabNetwork.gateway, String(SmsSinkPort), paths.smsRecords],
      host: LabNetwork.gateway,
      port: SmsSinkPort,
    },
    {
      name: 'mirror-server',
      entry: MirrorServerEntry,
      args: [LabNetwork.gateway, String(MirrorHttpPort), mirrorDir],
      host: LabNetwork.gateway,
      port: MirrorHttpPort,
    },
  ];
}

/** Names and entry points, enough to find and stop the daemons without knowing the mirror. */
export const LabDaemonIds = [
  { name: 'sms-sink', entry: SmsSinkEntry },
  { name: 'mirror-server', entry: MirrorServerEntry },
] as const;
