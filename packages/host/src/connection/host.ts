import * as pulumi from '@pulumi/pulumi';
import type * as command from '@pulumi/command';
import { OsProfile, osProfile } from '../os-profile';
import { assertValidArgs, isCidr4, isIpv4, knownValue } from '../values';

/** How to reach a bastion that forwards SSH to hosts without a route from where Pulumi runs. */
export interface BastionArgs {
  /** Address of the bastion. */
  address: pulumi.Input<string>;
  /** SSH port of the bastion (22). */
  port?: pulumi.Input<number>;
  /** Login on the bastion (root). */
  user?: pulumi.Input<string>;
  /** PEM/OpenSSH private key for the bastion; kept secret. */
  privateKey: pulumi.Input<string>;
}

/** One server the stack configures over SSH. */
export interface HostArgs {
  /** Short name, unique in the inventory; it prefixes every resource made on the host. */
  name: string;
  /**
   * The name the host had when the stack first wrote to it, for a host renamed since: the files and units
   * named after it keep that name (`onHostName`), so a rename rewrites nothing on the host (`name`).
   */
  originalName?: string;
  /** Address Pulumi dials; may be another resource's output (a VM's address). */
  address: pulumi.Input<string>;
  /**
   * Address the other hosts and the daemons' configs use (bind addresses, peers, grants, exports), when the
   * data plane differs from the network Pulumi dials through (a management network); the dialled address otherwise.
   */
  dataAddress?: pulumi.Input<string>;
  /** Operating system, which selects the OS profile (package names, paths, services). */
  os: string;
  /** SSH port (22). */
  port?: pulumi.Input<number>;
  /** Login with root rights (root). */
  user?: pulumi.Input<string>;
  /** PEM/OpenSSH private key; kept secret in state whether or not the caller marked it. */
  privateKey: pulumi.Input<string>;
  /** Expected host key as an authorized_keys line; without it the host key is not verified. */
  hostKey?: pulumi.Input<string>;
  /** Bastion to dial through. */
  bastion?: BastionArgs;
  /** Failed dials tolerated before giving up (10, about 11 s); -1 waits forever. */
  dialErrorLimit?: pulumi.Input<number>;
  /**
   * IPv4 addresses or networks the host's firewall lets reach SSH; any source when absent or empty. The
   * address the deployment connects from (this machine, or its bastion) must be among them: a firewall
   * that would lock the deployment out is refused.
   */
  adminSources?: pulumi.Input<string>[];
}

/** A host as the components use it: its name, addresses, OS profile and SSH connection. */
export interface Host {
  readonly name: string;
  /** The name its files and units carry: `name`, unless the host was renamed since they were written. */
  readonly originalName: string;
  /** The address Pulumi dials. */
  readonly address: pulumi.Output<string>;
  /** The address other hosts and configs use; render it with `pulumi.all(...).apply(...)`. */
  readonly dataAddress: pulumi.Output<string>;
  readonly profile: OsProfile;
  readonly connection: command.types.input.remote.ConnectionArgs;
  /** Who may reach SSH through the host's firewall; empty for any source. */
  readonly adminSources: pulumi.Output<string[]>;
}

/**
 * Every admin source that is not an IPv4 address or network, each naming its place in `adminSources`; an
 * undefined entry is one not known yet (another resource's output), checked once it resolves.
 */
export function adminSourceProblems(sources: readonly (string | undefined)[]): string[] {
  return sources.flatMap((source, index) =>
    source === undefined || isIpv4(source) || isCidr4(source) ? [] : [`adminSources[${index}]: ${JSON.stringify(source)} is not an IPv4 address or network`],
  );
}

function checkedAdminSources(name: string, sources: pulumi.Input<string>[]): pulumi.Output<string[]> {
  assertValidArgs('Host', name, adminSourceProblems(sources.map((source) => knownValue(source))));
  return pulumi.all(sources).apply((resolved) => {
    assertValidArgs('Host', name, adminSourceProblems(resolved));
    return resolved;
  });
}

export function defineHost(args: HostArgs): Host {
  const address = pulumi.output(args.address);
  return {
    name: args.name,
    originalName: args.originalName ?? args.name,
    address,
    dataAddress: args.dataAddress === undefined ? address : pulumi.output(args.dataAddress),
    profile: osProfile(args.os),
    adminSources: checkedAdminSources(args.name, args.adminSources ?? []),
    connection: {
      host: args.address,
      port: args.port ?? 22,
      user: args.user ?? 'root',
      privateKey: pulumi.secret(args.privateKey),
      hostKey: args.hostKey,
      dialErrorLimit: args.dialErrorLimit,
      proxy: args.bastion && {
        host: args.bastion.address,
        port: args.bastion.port ?? 22,
        user: args.bastion.user ?? 'root',
        privateKey: pulumi.secret(args.bastion.privateKey),
      },
    },
  };
}
