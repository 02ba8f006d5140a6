import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { bashScript } from '../shell';
import { applyChangeScript, disableScript, marksInput, ReloadMode, serviceDriftProbe, startScript, triggerMark } from './service-scripts';

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
  /**
   * bash lines that print, one line each, how what the running service maintains differs from what it
   * should (an address it adds, say): `npm run drift` reports them beside a stopped or disabled unit, and the
   * next update reloads (or restarts) the service to undo them.
   */
  driftProbe?: pulumi.Input<string[]>;
}

/**
 * A systemd service enabled and running; reloaded when a config it reads changes and restarted only
 * when its software changes; stopped and disabled on destroy. One command on the host: its update
 * compares the triggers' marks with those the previous run printed, so a site of many hosts pays for
 * one resource per service, not three.
 */
export class Service extends pulumi.ComponentResource {
  public readonly unit: string;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Service', name, {}, opts);
    this.unit = args.unit;
    const restartTriggers = args.restartTriggers ?? [];
    const reloadTriggers = args.reloadTriggers ?? [];
    const onCreate = restartTriggers.length ? 'restart' : reloadTriggers.length ? 'reload' : 'none';
    // The marks go on stdin, so the scripts are known in every preview and a changed trigger shows as its mark.
    const marks = pulumi
      .all([pulumi.all(restartTriggers), pulumi.all(reloadTriggers)])
      .apply(([restart, reload]) => marksInput({ restart: triggerMark('restart', restart), reload: triggerMark('reload', reload) }));
    hostCommand(
      `${name}-running`,
      args.host,
      {
        create: bashScript(startScript(args.unit, onCreate)),
        update: bashScript(applyChangeScript(args.unit, args.reloadMode ?? 'reload')),
        delete: bashScript(disableScript(args.unit)),
        stdin: marks,
        driftProbe: pulumi.output(args.driftProbe ?? []).apply((lines) => bashScript(serviceDriftProbe(args.unit, lines))),
        // Another unit is another service: the old one is stopped and disabled before the new one starts.
        triggers: [args.unit],
      },
      { parent: this, deleteBeforeReplace: true, aliases: [{ name: `${name}-enabled` }] },
    );
    this.registerOutputs({ unit: this.unit });
  }
}
