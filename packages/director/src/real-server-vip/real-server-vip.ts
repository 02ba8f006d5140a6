import * as pulumi from '@pulumi/pulumi';
import { ConfigFile, Host, Service, Sysctl } from '@hastack/host';
import { realServerArpSettings, REAL_SERVER_UNIT, renderRealServerUnit } from './render-real-server-unit';

export interface RealServerVipArgs {
  /** The real server (a web host). */
  host: Host;
  /** The VIPs the directors forward to this server: a `DirectorPair`'s `vips`. */
  vips: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * The real-server side of LVS-DR: ARP suppression and the VIPs on lo, kept across reboots by a systemd
 * unit with start and stop, and undone on destroy.
 */
export class RealServerVip extends pulumi.ComponentResource {
  /** Depend on this before starting the service the directors balance. */
  public readonly unit: string;

  constructor(name: string, args: RealServerVipArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:director:RealServerVip', name, {}, opts);
    const { host } = args;
    const arp = new Sysctl(`${name}-arp`, { host, settings: realServerArpSettings }, { parent: this });
    const unitFile = new ConfigFile(
      `${name}-unit`,
      {
        host,
        path: `${host.profile.paths.systemdUnitDir}/${REAL_SERVER_UNIT}`,
        content: pulumi.output(args.vips).apply(renderRealServerUnit),
        validate: 'systemd-analyze verify "$CONFIG_FILE"',
      },
      { parent: this },
    );
    // A oneshot unit applies its addresses on start, so a changed unit is restarted, not reloaded.
    new Service(
      `${name}-service`,
      { host, unit: REAL_SERVER_UNIT, restartTriggers: [unitFile.digest] },
      { parent: this, dependsOn: [arp, unitFile] },
    );
    this.unit = REAL_SERVER_UNIT;
    this.registerOutputs({ unit: this.unit });
  }
}
