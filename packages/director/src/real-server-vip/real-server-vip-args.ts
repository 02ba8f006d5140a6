import type * as pulumi from '@pulumi/pulumi';
import { isIpv4, knownValue } from '@hastack/host';
import type { Host } from '@hastack/host';

export interface RealServerVipArgs {
  /** The real server (a web host). */
  host: Host;
  /** The VIPs the directors forward to this server: a `DirectorPair`'s `vips`. */
  vips: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Every problem with the args, each naming the argument. Run before any child exists over what is known
 * then, and again over the VIPs once they resolve (a `DirectorPair`'s `vips` is an output).
 */
export function validateRealServerVipArgs(args: RealServerVipArgs): string[] {
  const vips = knownValue(args.vips);
  if (vips === undefined) return [];
  if (vips.length === 0) return ['vips: at least one VIP is needed'];
  return vips.flatMap((input, i) => {
    const vip = knownValue(input);
    return vip === undefined || isIpv4(vip) ? [] : [`vips[${i}]: "${vip}" is not an IPv4 address`];
  });
}
