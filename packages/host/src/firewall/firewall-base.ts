import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { Packages } from '../packages';
import { bashScript } from '../shell';
import { releaseSshScript, renderSshRichRules, restrictSshScript } from './firewall-scripts';
import { applyBaseScript, baseDriftProbe, removeBaseScript, sshGuardScript } from './nftables-scripts';
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
 * Where the family runs firewalld its default zone is the base: with admin sources, rich rules let them
 * reach SSH and the zone's own `ssh` service goes (the same guard first); destroy gives it back.
 */
export class FirewallBase extends pulumi.ComponentResource {
  /** The base ruleset loaded on the host, before the tiers' fragments; on firewalld, the rich rules that let the admin sources reach SSH. */
  public readonly ruleset: pulumi.Output<string>;
  /** What puts the firewall's tools on the host: a fragment is checked with them before the base loads it. */
  public readonly tools: pulumi.Resource[];

  constructor(name: string, args: FirewallBaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:FirewallBase', name, {}, opts);
    const { host } = args;
    const fragments = args.after ?? Promise.resolve([]);
    if (host.profile.firewall === 'firewalld') {
      // The zone is the base: it already drops what no rule accepts, and lets anyone reach SSH until told otherwise.
      const rules = pulumi
        .all([pulumi.output(host.connection.port ?? 22), host.adminSources])
        .apply(([sshPort, adminSources]) => ({ sshPort, adminSources, richRules: renderSshRichRules(sshPort, adminSources) }));
      const restricted = hostCommand(
        `${name}-ssh`,
        host,
        {
          create: rules.apply(({ sshPort, adminSources, richRules }) =>
            bashScript([...sshGuardScript(host.name, adminSources), ...restrictSshScript(sshPort, richRules)]),
          ),
          delete: bashScript(releaseSshScript()),
        },
        { parent: this, dependsOn: fragments },
      );
      this.ruleset = pulumi.all([restricted.urn, rules]).apply(([, { richRules }]) => richRules.join('\n'));
      this.tools = [];
    } else {
      const paths = nftablesPaths(host);
      const packages = new Packages(`${name}-package`, { host, roles: ['firewall'] }, { parent: this });
      this.tools = [packages];
      const ruleset = pulumi
        .all([pulumi.output(host.connection.port ?? 22), host.adminSources])
        .apply(([sshPort, adminSources]) => renderFirewallBase({ sshPort, adminSources }));
      const after: Promise<pulumi.Resource[]> = fragments.then((loaded) => [packages, ...loaded]);
      const applied = hostCommand(
        `${name}-apply`,
        host,
        {
          create: host.adminSources.apply((adminSources) =>
            bashScript(applyBaseScript({ paths, hostName: host.name, adminSources, unit: renderFirewallUnit(paths) })),
          ),
          delete: bashScript(removeBaseScript(paths)),
          stdin: ruleset,
          driftProbe: bashScript(baseDriftProbe(paths)),
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
