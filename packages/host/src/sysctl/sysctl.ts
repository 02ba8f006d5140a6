import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { onHostName } from '../config-file/host-names';
import { bashScript } from '../shell';
import { renderSysctlConf, SysctlSettings } from './render-sysctl-conf';
import { applySysctlScript, revertSysctlScript, sysctlDriftProbe, sysctlFiles } from './sysctl-scripts';

export interface SysctlArgs {
  /** Where to set them. */
  host: Host;
  /** Kernel parameters, e.g. `{ 'net.ipv4.conf.lo.arp_ignore': 1 }`. */
  settings: pulumi.Input<SysctlSettings>;
}

/**
 * Kernel parameters persisted in /etc/sysctl.d/90-hastack-<stack>-<name>.conf through the validated
 * write of config files: applied with `sysctl -p`, and when the kernel refuses a value, the previous file
 * and values are put back and sysctl's message is the error. Destroy restores the values the keys had
 * before the stack first set them.
 */
export class Sysctl extends pulumi.ComponentResource {
  /** The settings file on the host. */
  public readonly path: string;

  constructor(name: string, args: SysctlArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Sysctl', name, {}, opts);
    const files = sysctlFiles(pulumi.getStack(), onHostName(name, args.host), args.host.profile.paths.sysctlDir);
    this.path = files.file;
    const settings = pulumi.output(args.settings);
    const keys = settings.apply((values) => Object.keys(values).sort());
    hostCommand(
      `${name}-apply`,
      args.host,
      {
        create: keys.apply((names) => bashScript(applySysctlScript(files, names, true))),
        update: keys.apply((names) => bashScript(applySysctlScript(files, names, false))),
        delete: bashScript(revertSysctlScript(files)),
        stdin: settings.apply(renderSysctlConf),
        driftProbe: bashScript(sysctlDriftProbe(files)),
        logging: 'stderr',
      },
      { parent: this },
    );
    this.registerOutputs({ path: this.path });
  }
}
