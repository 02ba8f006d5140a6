import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { bashScript } from '../shell';
import { renderSysctlConf, SysctlSettings } from './render-sysctl-conf';
import { applySysctlScript, revertSysctlScript } from './sysctl-scripts';

export interface SysctlArgs {
  /** Where to set them. */
  host: Host;
  /** Kernel parameters, e.g. `{ 'net.ipv4.conf.lo.arp_ignore': 1 }`. */
  settings: pulumi.Input<SysctlSettings>;
}

/**
 * Kernel parameters persisted in /etc/sysctl.d/90-hastack-<name>.conf and applied at once; destroy
 * restores the values they had before.
 */
export class Sysctl extends pulumi.ComponentResource {
  constructor(name: string, args: SysctlArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Sysctl', name, {}, opts);
    const apply = bashScript(applySysctlScript(name));
    hostCommand(
      `${name}-apply`,
      args.host,
      {
        create: apply,
        update: apply,
        delete: bashScript(revertSysctlScript(name)),
        stdin: pulumi.output(args.settings).apply(renderSysctlConf),
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
