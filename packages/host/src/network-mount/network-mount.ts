import * as pulumi from '@pulumi/pulumi';
import { ConfigFileSet } from '../config-file-set/config-file-set';
import { Host, hostCommand } from '../connection';
import { Directory } from '../directory/directory';
import { pathProblems } from '../directory/directory-args';
import { bashScript, shellQuote } from '../shell';
import { mountDriftProbe, mountScript, unmountScript } from './network-mount-scripts';
import { renderMountUnits } from './render-mount-units';
import { assertValidArgs } from '../values';

export interface NetworkMountArgs {
  /** Where to mount. */
  host: Host;
  /** What to mount: "mfsmaster:/", "nfs.example:/export"; may come from another resource. */
  what: pulumi.Input<string>;
  /** Mount point: absolute, normalized. Created (and removed on destroy) when missing. */
  where: string;
  /** File system type: "moosefs", "nfs4", "none" with options ["bind"]. */
  type: string;
  /** Mount options beyond `_netdev`, one per entry ("ro", "mfssubfolder=/web"). */
  options?: string[];
  /** Units to start first, when the server runs on the same host ("moosefs-master.service"). */
  requires?: string[];
}

/**
 * A network file system mounted by a systemd mount unit: after the network is online and after
 * `requires`, retried 10 s after any failed (or 30 s hung) attempt for as long as it fails, mounted
 * at boot; remounted when its unit changes; unmounted, disabled and removed on destroy.
 */
export class NetworkMount extends pulumi.ComponentResource {
  /** The mount point, once mounted. */
  public readonly where: pulumi.Output<string>;
  /** The mount unit, `<systemd-escape -p where>.mount`. */
  public readonly unit: string;

  constructor(name: string, args: NetworkMountArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('NetworkMount', name, pathProblems('where', args.where));
    super('hastack:host:NetworkMount', name, {}, opts);
    const { host } = args;
    const unitDir = host.profile.paths.systemdUnitDir;
    const render = (what: string) => renderMountUnits({ what, where: args.where, type: args.type, options: args.options ?? [], requires: args.requires ?? [] });
    // Names and checks do not depend on `what`: render once with a stand-in to fail fast on the rest.
    const names = render('-');
    this.unit = names.mountUnit;
    const units = pulumi.output(args.what).apply(render);
    const mountPoint = new Directory(`${name}-where`, { host, path: args.where }, { parent: this });
    const unitFiles = new ConfigFileSet(
      `${name}-units`,
      {
        host,
        files: [
          { path: `${unitDir}/${names.mountUnit}`, content: units.mount },
          { path: `${unitDir}/${names.remountUnit}`, content: units.remount },
        ],
        validate: `systemd-analyze verify ${[names.mountUnit, names.remountUnit].map((unit) => shellQuote(`${unitDir}/${unit}`)).join(' ')}`,
      },
      { parent: this },
    );
    const mounted = hostCommand(
      `${name}-mounted`,
      host,
      {
        // The units' digest is part of the script, so that a changed unit remounts (an update runs it again).
        create: unitFiles.digest.apply((digest) => bashScript([`: units ${digest}`, ...mountScript(names.mountUnit, args.where)])),
        delete: bashScript(unmountScript(names.mountUnit, names.remountUnit)),
        driftProbe: bashScript(mountDriftProbe(names.mountUnit, args.where)),
        logging: 'stderr',
      },
      { parent: this, dependsOn: [mountPoint, unitFiles] },
    );
    this.where = mounted.urn.apply(() => args.where);
    this.registerOutputs({ where: this.where, unit: this.unit });
  }
}
