import * as pulumi from '@pulumi/pulumi';
import { ConfigFileSet, FirewallRule, OneOffStep, Service } from '@hastack/host';
import { masterChecks } from '../checks';
import { daemonReadable, MOOSEFS_USER } from './cluster-hosts';
import type { ClusterScope, DaemonNode, RoleParts } from './cluster-hosts';
import { masterConfigCheck, metadataInitStep } from './cluster-scripts';
import { MooseFsPorts } from './moosefs-cluster-args';
import { renderExportsCfg } from './render-exports-cfg';
import { renderMasterCfg } from './render-master-cfg';

/**
 * The master: its config and exports, checked together by a scratch master before they replace the live
 * ones; its metadata initialised once; the daemon; its ports open to the metaloggers, the chunkservers,
 * the clients and the admin host.
 */
export function masterRole(scope: ClusterScope, node: DaemonNode, inputs: { clients: pulumi.Output<string[]>; authCode: pulumi.Output<string> }): RoleParts {
  const { parent, settings, configDir } = scope;
  const { host, prefix, packages } = node;
  const { dataPath, owned } = node.daemon;
  const admin = settings.adminHost;
  const masterPaths = { configPath: `${configDir}/mfsmaster.cfg`, dataPath, emptyMetadata: `${dataPath}/metadata.mfs.empty`, user: MOOSEFS_USER };
  const exportsPath = `${configDir}/mfsexports.cfg`;
  const masterCfg = pulumi
    .all([inputs.authCode, host.dataAddress])
    .apply(([code, listenAddress]) =>
      renderMasterCfg({ user: MOOSEFS_USER, dataPath, exportsPath, listenAddress, authCode: code, chunkLoopSeconds: settings.chunkLoopSeconds }),
    );
  const exportsCfg = pulumi
    .all([inputs.clients, admin.dataAddress])
    .apply(([addresses, adminAddress]) => renderExportsCfg({ clients: addresses, adminAddress }));
  const config = new ConfigFileSet(
    `${prefix}-master-conf`,
    {
      host,
      reloadOnRestore: host.profile.services.moosefsMaster,
      files: [
        { path: masterPaths.configPath, content: pulumi.secret(masterCfg), ...daemonReadable },
        { path: exportsPath, content: exportsCfg, ...daemonReadable },
      ],
      validate: masterConfigCheck(masterPaths),
    },
    { parent, dependsOn: packages },
  );
  const init = new OneOffStep(`${prefix}-metadata-init`, { host, ...metadataInitStep(masterPaths) }, { parent, dependsOn: [packages, config, owned] });
  const service = new Service(
    `${prefix}-master`,
    { host, unit: host.profile.services.moosefsMaster, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
    { parent, dependsOn: [config, init, owned] },
  );
  // A rule without sources would admit every address: no metalogger, no rule.
  const rule = (port: number, sources: pulumi.Input<string>[], description: string): FirewallRule => ({ port, protocol: 'tcp', sources, description });
  const metaloggerRules = settings.metaloggers.length
    ? [
        rule(
          MooseFsPorts.metalogger,
          settings.metaloggers.map((h) => h.dataAddress),
          'MooseFS metaloggers to the master',
        ),
      ]
    : [];
  return {
    service,
    firewallRules: [
      ...metaloggerRules,
      rule(
        MooseFsPorts.chunkserver,
        settings.chunkservers.map((h) => h.dataAddress),
        'MooseFS chunkservers to the master',
      ),
      rule(MooseFsPorts.client, [...settings.clients, admin.dataAddress], 'MooseFS clients and the admin host to the master'),
    ],
    checks: masterChecks(host, settings.chunkservers.length),
  };
}
