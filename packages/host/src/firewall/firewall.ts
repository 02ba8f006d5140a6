import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { closeFirewallScript, FirewallProtocol, firewallRuleProblems, openFirewallScript, renderRichRules } from './firewall-scripts';
import { assertValidArgs } from '../values';

export interface FirewallRule {
  /** Port to open; required for tcp and udp, absent for vrrp. May be another component's output. */
  port?: pulumi.Input<number>;
  /** "tcp", "udp", or "vrrp" (IP protocol 112, which keepalived speaks; firewalld allows it as a protocol). */
  protocol: FirewallProtocol;
  /** IPv4 addresses or networks allowed in; any source when absent or empty. */
  sources?: pulumi.Input<string>[];
  /** Why the rule exists, for readers of the program. */
  description: string;
}

export interface FirewallArgs {
  /** The host whose firewall opens. */
  host: Host;
  /** What the tier needs open. */
  rules: FirewallRule[];
}

/**
 * Opens exactly what a tier declares, where the OS profile says a firewall runs by default (firewalld
 * on the CentOS family): one IPv4 rich rule per rule and source, in the default zone, permanent and
 * reloaded; rules it added and no longer needs are removed, and all of them on destroy. On a profile
 * without a firewall (Debian) it does nothing, not even connect.
 */
/** Rules whose ports are outputs are checked by the same rules once known, before any is rendered. */
function checkRules(name: string, rules: FirewallRule[]): void {
  const plainPorts = rules.every((rule) => rule.port === undefined || typeof rule.port === 'number');
  assertValidArgs('Firewall', name, plainPorts ? firewallRuleProblems(rules as (FirewallRule & { port?: number })[]) : []);
}

/**
 * The host's `Firewall` where its OS runs one, and none where it does not (Debian): a component that does
 * nothing still costs the engine a resource on every host of the site. The rules are checked either way.
 * An array, to spread into a `dependsOn`.
 */
export function firewallFor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions): Firewall[] {
  checkRules(name, args.rules);
  return args.host.profile.firewall === 'none' ? [] : [new Firewall(name, args, opts)];
}

export class Firewall extends pulumi.ComponentResource {
  /** The rich rules asked for (empty where the profile has no firewall). */
  public readonly richRules: pulumi.Output<string[]>;

  constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Firewall', name, {}, opts);
    checkRules(name, args.rules);
    if (args.host.profile.firewall === 'none') {
      this.richRules = pulumi.output([]);
    } else {
      const rules = pulumi.all(
        args.rules.map((rule) =>
          pulumi.all([pulumi.output(rule.port), pulumi.all(rule.sources ?? [])]).apply(([port, sources]) => ({ ...rule, port, sources })),
        ),
      );
      const richRules = rules.apply(renderRichRules);
      const command = hostCommand(
        `${name}-rules`,
        args.host,
        {
          create: richRules.apply((wanted) => bashScript(openFirewallScript(wanted))),
          delete: bashScript(closeFirewallScript()),
        },
        { parent: this, dependsOn: hostReady(args.host) },
      );
      this.richRules = pulumi.all([command.urn, richRules]).apply(([, wanted]) => wanted);
    }
    this.registerOutputs({ richRules: this.richRules });
  }
}
