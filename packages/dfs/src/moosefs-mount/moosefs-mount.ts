import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, NetworkMount, Packages } from '@hastack/host';
import { mountChecks, TierCheck } from '../checks';
import { MooseFsMountArgs, mooseFsMountSettings, validateMooseFsMountArgs } from './moosefs-mount-args';

/** SELinux booleans a web server needs to serve files from a MooseFS (FUSE) mount, where SELinux is on. */
export const WEB_SERVER_SELINUX_BOOLEANS = ['httpd_use_fusefs'] as const;

/**
 * The MooseFS client on one host and the tree mounted through the host layer's network mount: a systemd
 * mount unit of type `moosefs` (the package's `mount.moosefs` helper) on `MASTER:PORT:SUBFOLDER`,
 * mounted at boot once the network is up. mfsmount keeps its session across a master restart and
 * reconnects by itself. Destroy unmounts it and removes the client.
 */
export class MooseFsMount extends pulumi.ComponentResource {
  /** The mount point, once mounted. */
  public readonly where: pulumi.Output<string>;
  /** What monitoring should check about the mount. */
  public readonly checks: TierCheck[];
  /** SELinux booleans the web server using this mount needs (the web tier switches them on). */
  public readonly selinuxBooleans: readonly string[] = WEB_SERVER_SELINUX_BOOLEANS;

  constructor(name: string, args: MooseFsMountArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('MooseFsMount', name, validateMooseFsMountArgs(args));
    super('hastack:dfs:MooseFsMount', name, {}, opts);
    const { host, where, port, subfolder, options } = mooseFsMountSettings(args);
    const packages = new Packages(`${name}-packages`, { host, roles: ['moosefsClient'] }, { parent: this });
    const mount = new NetworkMount(
      `${name}-mount`,
      {
        host,
        what: pulumi.interpolate`${args.master}:${port}:${subfolder}`,
        where,
        type: 'moosefs',
        options: [...(args.ioTimeoutSeconds === undefined ? [] : [`mfstimeout=${args.ioTimeoutSeconds}`]), ...options],
      },
      { parent: this, dependsOn: packages },
    );
    this.where = mount.where;
    this.checks = mountChecks(host, where);
    this.registerOutputs({ where: this.where, checks: this.checks, selinuxBooleans: this.selinuxBooleans });
  }
}
