import * as pulumi from '@pulumi/pulumi';
import { ConfigFileSet, Service } from '@hastack/host';
import { chunkserverChecks } from '../checks';
import { daemonReadable, MOOSEFS_USER } from './cluster-hosts';
import type { ClusterScope, DaemonNode, RoleParts } from './cluster-hosts';
import { storageCheck } from './cluster-scripts';
import { MooseFsPorts } from './moosefs-cluster-args';
import { renderChunkserverCfg } from './render-chunkserver-cfg';
import { renderHddCfg } from './render-hdd-cfg';

/** The two files every chunkserver gets, rendered once: the same text, so the same digest. */
export interface ChunkserverFiles {
  chunkserverCfg: pulumi.Output<string>;
  hddCfg: string;
}

export function chunkserverFiles(scope: ClusterScope, authCode: pulumi.Output<string>): ChunkserverFiles {
  const { settings, configDir } = scope;
  return {
    chunkserverCfg: pulumi.secret(
      pulumi.all([authCode, settings.master.dataAddress]).apply(([code, masterAddress]) =>
        renderChunkserverCfg({
          user: MOOSEFS_USER,
          dataPath: settings.chunkservers[0].profile.paths.moosefsDataDir,
          hddConfPath: `${configDir}/mfshdd.cfg`,
          masterAddress,
          authCode: code,
          leaveFreeSpace: settings.leaveFreeSpace,
        }),
      ),
    ),
    hddCfg: renderHddCfg(settings.storage),
  };
}

/**
 * A chunkserver: its two files, checked against its chunk folders, and the daemon; its data port open to
 * the clients, the admin host and the other chunkservers (replication).
 */
export function chunkserverRole(scope: ClusterScope, node: DaemonNode, files: ChunkserverFiles): RoleParts & { configDigest: pulumi.Output<string> } {
  const { parent, settings, configDir } = scope;
  const { host, prefix, packages } = node;
  const { folders, owned } = node.daemon;
  const config = new ConfigFileSet(
    `${prefix}-chunkserver-conf`,
    {
      host,
      reloadOnRestore: host.profile.services.moosefsChunkserver,
      files: [
        { path: `${configDir}/mfschunkserver.cfg`, content: files.chunkserverCfg, ...daemonReadable },
        { path: `${configDir}/mfshdd.cfg`, content: files.hddCfg, ...daemonReadable },
      ],
      validate: storageCheck(
        settings.storage.map((folder) => folder.path),
        MOOSEFS_USER,
      ),
    },
    { parent, dependsOn: [packages, ...folders] },
  );
  const service = new Service(
    `${prefix}-chunkserver`,
    { host, unit: host.profile.services.moosefsChunkserver, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
    { parent, dependsOn: [config, owned] },
  );
  return {
    service,
    configDigest: config.digest,
    firewallRules: [
      {
        port: MooseFsPorts.chunkData,
        protocol: 'tcp',
        sources: [
          ...settings.clients,
          settings.adminHost.dataAddress,
          ...settings.chunkservers.filter((other) => other.name !== host.name).map((other) => other.dataAddress),
        ],
        description: 'MooseFS clients, the admin host and the other chunkservers (replication) to this chunkserver',
      },
    ],
    checks: chunkserverChecks(host),
  };
}
