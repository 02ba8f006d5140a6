import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { booleanProblems, disableBooleansScript, enableBooleansScript } from './selinux-scripts';
import { assertValidArgs } from '../values';

export interface SelinuxBooleansArgs {
  /** The host whose policy is tuned. */
  host: Host;
  /** Booleans to switch on, e.g. `httpd_can_network_connect_db`, `httpd_use_fusefs`. */
  booleans: string[];
}

/**
 * SELinux booleans switched on persistently (`setsebool -P`) where the OS profile says SELinux enforces
 * by default (the CentOS family), and switched back off on destroy when this stack switched them on.
 * On a profile without SELinux (Debian) it does nothing, not even connect; on a host where SELinux is
 * disabled it sets nothing.
 */
function checkBooleans(name: string, booleans: string[]): void {
  assertValidArgs('SelinuxBooleans', name, booleanProblems(booleans));
}

/**
 * `SelinuxBooleans` where the host's OS has SELinux on, none elsewhere (a no-op component still costs a
 * resource per host); the names are checked either way. An array, to spread into a `dependsOn`.
 */
export function selinuxBooleansFor(name: string, args: SelinuxBooleansArgs, opts?: pulumi.ComponentResourceOptions): SelinuxBooleans[] {
  checkBooleans(name, args.booleans);
  return args.host.profile.selinuxBooleans.length > 0 ? [new SelinuxBooleans(name, args, opts)] : [];
}

export class SelinuxBooleans extends pulumi.ComponentResource {
  constructor(name: string, args: SelinuxBooleansArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:SelinuxBooleans', name, {}, opts);
    checkBooleans(name, args.booleans);
    if (args.host.profile.selinuxBooleans.length > 0) {
      hostCommand(
        `${name}-booleans`,
        args.host,
        { create: bashScript(enableBooleansScript(args.booleans)), delete: bashScript(disableBooleansScript()) },
        { parent: this, dependsOn: hostReady(args.host) },
      );
    }
    this.registerOutputs({});
  }
}
