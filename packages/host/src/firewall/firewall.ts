import * as pulumi from '@pulumi/pulumi';
import { onHostName, stackScopedName } from '../config-file/host-names';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { firewallBaseFor, nftablesPaths } from './firewall-base';
import { closeFirewallScript, FirewallProtocol, firewallRuleProblems, openFirewallScript, renderRichRules, ResolvedFirewallRule } from './firewall-scripts';
import { fragmentDriftProbe, removeFragmentScript, writeFragmentScript } from './nftables-scripts';
import { renderNftablesRules } from './render-nftables';
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

/** Rules whose ports are outputs are checked by the same rules once known, before any is rendered. */
function checkRules(name: string, rules: FirewallRule[]): void {
  const plainPorts = rules.every((rule) => rule.port === undefined || typeof rule.port === 'number');
  assertValidArgs('Firewall', name, plainPorts ? firewallRuleProblems(rules as (FirewallRule & { port?: number })[]) : []);
}

/** The host's `Firewall`, its rules checked before it is created; an array, to spread into a `dependsOn`. */
export function firewallFor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions): Firewall[] {
  checkRules(name, args.rules);
  return [new Firewall(name, args, opts)];
}

/**
 * Opens exactly what a tier declares, in the firewall the OS profile names. On firewalld (the CentOS
 * family): one IPv4 rich rule per rule and source, in the default zone, permanent and reloaded; rules it
 * added and no longer needs are removed, and all of them on destroy. On nftables (Debian): the rules as
 * one fragment of the host's `FirewallBase`, checked by nft together with the base and the other fragments
 * before it is moved in, then loaded; where the base is not loaded yet, it loads the fragment with the
 * others. Destroy removes it and loads the rest.
 */
export class Firewall extends pulumi.ComponentResource {
  /** The rich rules asked for (empty on nftables). */
  public readonly richRules: pulumi.Output<string[]>;
  /** The nft commands this firewall adds to the host's table, as loaded (empty on firewalld). */
  public readonly fragment: pulumi.Output<string>;

  constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Firewall', name, {}, opts);
    checkRules(name, args.rules);
    const { host } = args;
    const rules: pulumi.Output<ResolvedFirewallRule[]> = pulumi.all(
      args.rules.map((rule) => pulumi.all([pulumi.output(rule.port), pulumi.all(rule.sources ?? [])]).apply(([port, sources]) => ({ ...rule, port, sources }))),
    );
    const { base, fragments } = firewallBaseFor(host);
    if (host.profile.firewall === 'nftables') {
      const options = { paths: nftablesPaths(host), hostName: host.name, fileName: `${stackScopedName(onHostName(name, host))}.nft` };
      const command = hostCommand(
        `${name}-fragment`,
        host,
        {
          create: bashScript(writeFragmentScript(options)),
          delete: bashScript(removeFragmentScript(options)),
          stdin: rules.apply(renderNftablesRules),
          driftProbe: bashScript(fragmentDriftProbe(options)),
          logging: 'stderr',
        },
        { parent: this, dependsOn: [hostReady(host), ...base.tools] },
      );
      fragments.push(command);
      this.richRules = pulumi.output([]);
      this.fragment = command.stdin.apply((text) => text ?? '');
    } else {
      const richRules = rules.apply(renderRichRules);
      const command = hostCommand(
        `${name}-rules`,
        host,
        {
          create: richRules.apply((wanted) => bashScript(openFirewallScript(wanted))),
          delete: bashScript(closeFirewallScript()),
        },
        { parent: this, dependsOn: hostReady(host) },
      );
      fragments.push(command);
      this.richRules = pulumi.all([command.urn, richRules]).apply(([, wanted]) => wanted);
      this.fragment = pulumi.output('');
    }
    this.registerOutputs({ richRules: this.richRules, fragment: this.fragment });
  }
}
