import { ConfigFile, OneOffStep, Service, shellQuote } from '@hastack/host';
import { metaloggerChecks } from '../checks';
import { daemonReadable, MOOSEFS_USER } from './cluster-hosts';
import type { ClusterScope, DaemonNode, RoleParts } from './cluster-hosts';
import { METALOGGER_METADATA_FILE, renderMetaloggerCfg } from './render-metalogger-cfg';

/**
 * A metalogger: its config and the daemon, and its first copy of the master's metadata. It opens no
 * port: it connects to the master.
 */
export function metaloggerRole(scope: ClusterScope, node: DaemonNode, masterService: Service): RoleParts {
  const { parent, settings, configDir } = scope;
  const { host, prefix, packages } = node;
  const { dataPath, owned } = node.daemon;
  const { metadataDownloadHours } = settings;
  const config = new ConfigFile(
    `${prefix}-metalogger-conf`,
    {
      host,
      reloadOnRestore: host.profile.services.moosefsMetalogger,
      path: `${configDir}/mfsmetalogger.cfg`,
      content: settings.master.dataAddress.apply((masterAddress) =>
        renderMetaloggerCfg({ user: MOOSEFS_USER, dataPath, masterAddress, metadataDownloadHours }),
      ),
      ...daemonReadable,
    },
    { parent, dependsOn: packages },
  );
  const service = new Service(
    `${prefix}-metalogger`,
    { host, unit: host.profile.services.moosefsMetalogger, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
    { parent, dependsOn: [config, owned] },
  );
  // A metalogger that meets a master still writing its first metadata keeps a partial download until its
  // next period (a day by default); once the master serves its metadata, a restart fetches the copy.
  const copy = shellQuote(`${dataPath}/${METALOGGER_METADATA_FILE}`);
  new OneOffStep(
    `${prefix}-metadata-copy`,
    {
      host,
      check: `test -s ${copy}`,
      run: `systemctl restart ${shellQuote(host.profile.services.moosefsMetalogger)}\nfor _ in $(seq 60); do test -s ${copy} && exit 0; sleep 1; done`,
    },
    { parent, dependsOn: [masterService, service] },
  );
  return { service, firewallRules: [], checks: metaloggerChecks(host, metadataDownloadHours) };
}
