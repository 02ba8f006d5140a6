import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { Packages } from '../packages';
import { bashScript } from '../shell';
import { applyBaseScript, removeBaseScript } from './nftables-scripts';
import { NftablesPaths, renderFirewallBase, renderFirewallUnit } from './render-nftables';

export interface FirewallBaseArgs {
  /** The host whose firewall it is. */
  host: Host;
  /**
   * What the base loads after: the tiers' fragments of this deployment. On a host that has no table yet (a
   * running site that gets its firewall) the table then arrives with every rule at once; loaded first, it
   * would drop new connections to the tiers' ports until their fragments followed.
   */
  after?: Promise<pulumi.Resource[]>;
}

/** Where a host's nftables firewall lives: one per host, whichever stacks add rules to it. */
export function nftablesPaths(host: Host): NftablesPaths {
  return { dir: '/etc/hastack/firewall', unit: `${host.profile.paths.systemdUnitDir}/hastack-firewall.service` };
}

/**
 * What the tiers' rules build on where the stack runs the firewall itself (nftables, on Debian): the
 * package, the stack's own table `inet hastack` whose input chain drops what no rule accepts (replies,
 * loopback, ICMP and neighbour discovery, and SSH from the host's `adminSources` are accepted), and a unit
 * that loads it with the tiers' fragments at boot. A base that would refuse the deployment's own SSH
 * connection is refused before anything changes. Destroy deletes the table and removes unit and files.
 * Where the family runs firewalld its zone is the base, and this does nothing.
 */
export class FirewallBase extends pulumi.ComponentResource {
  /** The base ruleset loaded on the host, before the tiers' fragments; empty on firewalld. */
  public readonly ruleset: pulumi.Output<string>;

  constructor(name: string, args: FirewallBaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:FirewallBase', name, {}, opts);
    const { host } = args;
    if (host.profile.firewall !== 'nftables') {
      this.ruleset = pulumi.output('');
    } else {
      const paths = nftablesPaths(host);
      const packages = new Packages(`${name}-package`, { host, roles: ['firewall'] }, { parent: this });
      const ruleset = pulumi
        .all([pulumi.output(host.connection.port ?? 22), host.adminSources])
        .apply(([sshPort, adminSources]) => renderFirewallBase({ sshPort, adminSources }));
      const after: Promise<pulumi.Resource[]> = (args.after ?? Promise.resolve([])).then((fragments) => [packages, ...fragments]);
      const applied = hostCommand(
        `${name}-apply`,
        host,
        {
          create: host.adminSources.apply((adminSources) =>
            bashScript(applyBaseScript({ paths, hostName: host.name, adminSources, unit: renderFirewallUnit(paths) })),
          ),
          delete: bashScript(removeBaseScript(paths)),
          stdin: ruleset,
          logging: 'stderr',
        },
        { parent: this, dependsOn: after },
      );
      // Derived from the command, so whoever waits on it waits for the table to be loaded.
      this.ruleset = applied.stdin.apply((text) => text ?? '');
    }
    this.registerOutputs({ ruleset: this.ruleset });
  }
}

// One per Host object, as `hostReady`: every Firewall of the host adds to the same table.
const bases = new WeakMap<Host, { base: FirewallBase; fragments: pulumi.Resource[] }>();

/**
 * The host's `FirewallBase`, created on first use, and the list it loads after: each `Firewall` of the host
 * adds its fragment there while the program is built, which is over before the base registers.
 */
export function firewallBaseFor(host: Host): { base: FirewallBase; fragments: pulumi.Resource[] } {
  let entry = bases.get(host);
  if (!entry) {
    const fragments: pulumi.Resource[] = [];
    const after = new Promise<pulumi.Resource[]>((resolve) => setImmediate(() => resolve(fragments)));
    entry = { base: new FirewallBase(`${host.name}-firewall-base`, { host, after }, { dependsOn: hostReady(host) }), fragments };
    bases.set(host, entry);
  }
  return entry;
}
