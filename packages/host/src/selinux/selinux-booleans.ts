import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { booleanProblems, disableBooleansScript, enableBooleansScript } from './selinux-scripts';

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
export class SelinuxBooleans extends pulumi.ComponentResource {
  constructor(name: string, args: SelinuxBooleansArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:SelinuxBooleans', name, {}, opts);
    const problems = booleanProblems(args.booleans);
    if (problems.length) throw new Error(`SelinuxBooleans ${name}:\n${problems.join('\n')}`);
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
