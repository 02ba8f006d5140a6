import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, ConfigFile, Service, Sysctl } from '@hastack/host';
import { RealServerVipArgs, validateRealServerVipArgs } from './real-server-vip-args';
import { realServerArpSettings, REAL_SERVER_UNIT, renderRealServerUnit, vipsOnLoProbe } from './render-real-server-unit';

/**
 * The real-server side of LVS-DR: ARP suppression and the VIPs on lo, kept across reboots by a systemd
 * unit with start and stop, and undone on destroy.
 */
export class RealServerVip extends pulumi.ComponentResource {
  /** Depend on this before starting the service the directors balance. */
  public readonly unit: string;

  constructor(name: string, args: RealServerVipArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('RealServerVip', name, validateRealServerVipArgs(args));
    super('hastack:director:RealServerVip', name, {}, opts);
    const { host } = args;
    const arp = new Sysctl(`${name}-arp`, { host, settings: realServerArpSettings }, { parent: this });
    const unitFile = new ConfigFile(
      `${name}-unit`,
      {
        host,
        path: `${host.profile.paths.systemdUnitDir}/${REAL_SERVER_UNIT}`,
        content: pulumi.output(args.vips).apply((vips) => {
          assertValidArgs('RealServerVip', name, validateRealServerVipArgs({ ...args, vips }));
          return renderRealServerUnit(vips);
        }),
        validate: 'systemd-analyze verify "$CONFIG_FILE"',
      },
      { parent: this },
    );
    // A oneshot unit applies its addresses on start, so a changed unit is restarted, not reloaded.
    new Service(
      `${name}-service`,
      { host, unit: REAL_SERVER_UNIT, restartTriggers: [unitFile.digest], driftProbe: pulumi.output(args.vips).apply(vipsOnLoProbe) },
      { parent: this, dependsOn: [arp, unitFile] },
    );
    this.unit = REAL_SERVER_UNIT;
    this.registerOutputs({ unit: this.unit });
  }
}
