import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { bashScript } from '../shell';
import { disableScript, enableScript, ReloadMode, reloadScript } from './service-scripts';

export interface ServiceArgs {
  /** Where the service runs. */
  host: Host;
  /** systemd unit, e.g. the OS profile's `services.keepalived`. Another unit replaces: the old one is disabled. */
  unit: string;
  /** Values whose change reloads the service: the digests of its config files. */
  reloadTriggers?: pulumi.Input<string>[];
  /** Values whose change restarts it: its packages, its unit file. */
  restartTriggers?: pulumi.Input<string>[];
  /** How a config change is applied: "reload" (default, falls back to restart) or "restart". */
  reloadMode?: ReloadMode;
}

/**
 * A systemd service enabled and running; reloaded when a config it reads changes and restarted only
 * when its software changes; stopped and disabled on destroy.
 */
export class Service extends pulumi.ComponentResource {
  public readonly unit: string;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Service', name, {}, opts);
    this.unit = args.unit;
    const enabled = hostCommand(
      `${name}-enabled`,
      args.host,
      // Another unit is another service: the old one is stopped and disabled before the new one starts.
      { create: bashScript(enableScript(args.unit)), delete: bashScript(disableScript(args.unit)), triggers: [args.unit] },
      { parent: this, deleteBeforeReplace: true },
    );
    // Each is replaced, and so run again, exactly when one of its triggers changes. A restart goes first
    // and a reload waits for it: run together, the reload would find the service stopped.
    const restart = args.restartTriggers?.length
      ? hostCommand(
          `${name}-restart`,
          args.host,
          { create: bashScript(reloadScript(args.unit, 'restart')), triggers: args.restartTriggers },
          { parent: this, dependsOn: enabled },
        )
      : undefined;
    if (args.reloadTriggers?.length) {
      hostCommand(
        `${name}-reload`,
        args.host,
        { create: bashScript(reloadScript(args.unit, args.reloadMode ?? 'reload')), triggers: args.reloadTriggers },
        { parent: this, dependsOn: restart ? [enabled, restart] : enabled },
      );
    }
    this.registerOutputs({ unit: this.unit });
  }
}
