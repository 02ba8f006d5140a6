export { Firewall, firewallFor } from './firewall';
export type { FirewallArgs, FirewallRule } from './firewall';
export { closeFirewallScript, FirewallProtocols, openFirewallScript, renderRichRules } from './firewall-scripts';
export type { FirewallProtocol, ResolvedFirewallRule } from './firewall-scripts';
