import type * as pulumi from '@pulumi/pulumi';
import { isCidr4, isIpv4, knownValue, type Host } from '@hastack/host';

export interface NagiosWebArgs {
  /** The monitoring host, where `NagiosServer` runs. */
  host: Host;
  /** Addresses or networks allowed to reach the interface (the site's admin network); nothing else gets in. */
  adminSources: pulumi.Input<string>[];
  /** The interface's user (nagiosadmin, the name Nagios's own docs and samples give). */
  user?: string;
  /** Whether the user may send commands from the pages (acknowledge, downtime, disable checks); read-only by default. */
  allowCommands?: boolean;
}

export const DEFAULT_NAGIOS_WEB_USER = 'nagiosadmin';

const USER = /^[A-Za-z0-9_.-]{1,32}$/;

/** Every problem of the arguments at once, each naming the argument; sources that are Outputs are checked once known. */
export function validateNagiosWebArgs(args: Omit<NagiosWebArgs, 'host'>): string[] {
  const problems: string[] = [];
  if (args.adminSources.length === 0) problems.push('adminSources: the interface needs at least one admin address or network; it is never open to all');
  args.adminSources.forEach((source, i) => {
    const value = knownValue(source);
    if (value !== undefined && !isIpv4(value) && !isCidr4(value)) problems.push(`adminSources[${i}]: "${value}" is not an IPv4 address or network`);
  });
  if (args.user !== undefined && !USER.test(args.user)) problems.push(`user: "${args.user}" is not a user name (letters, digits, _ . -, up to 32)`);
  return problems;
}
