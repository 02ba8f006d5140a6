import type * as pulumi from '@pulumi/pulumi';
import { isIpv4, knownValue, type Host } from '@hastack/host';
import type { CheckIntervals } from './render-nagios-objects';
import { validateSmsNotifierArgs, type SmsNotifierArgs } from '../sms-notifier/sms-notifier-args';

/** A host Nagios watches, in its tiers' host groups. */
export interface MonitoredHostArgs {
  /** Inventory name; the Nagios host name. */
  name: string;
  address: pulumi.Input<string>;
  /** Host groups (the tiers it serves). */
  groups: string[];
  /** bash command run by Nagios telling whether the host is up (a VIP answers HTTP, not ping); ping when absent. */
  aliveCheck?: pulumi.Input<string>;
}

/** A service of a watched host: an NRPE command its agent answers, or a command Nagios runs itself. */
export interface MonitoredServiceArgs {
  host: string;
  /** Service name, unique per host (letters, digits, `_`, `.`, `-`). */
  name: string;
  /** bash command run on the monitoring host; absent: the NRPE command of this name on the host. */
  active?: pulumi.Input<string>;
  /** Services whose problem explains this one's: while any of them is not OK, this one notifies no one. */
  dependsOn?: readonly { host: string; name: string }[];
}

export interface NagiosServerArgs {
  /** The monitoring host. */
  host: Host;
  hosts: MonitoredHostArgs[];
  services: MonitoredServiceArgs[];
  /** Check and notification timing (every 60 s, retries every 30 s, HARD after 3, reminders every hour). */
  intervals?: Partial<CheckIntervals>;
  /** SMS alerts for host and service problems and recoveries; none without. */
  sms?: Omit<SmsNotifierArgs, 'host'>;
  /**
   * Files the checks read, such as a database client's credentials: owned by root, readable by Nagios's
   * group only, in place before Nagios runs a check. Their content may be a secret (stdin only).
   */
  checkFiles?: { path: string; content: pulumi.Input<string> }[];
  /** Further settings of the main config (`nagios.cfg`), checked by `nagios -v` with the rest. */
  settings?: Record<string, string | number>;
}

export const DEFAULT_CHECK_INTERVALS: CheckIntervals = { checkSeconds: 60, retrySeconds: 30, maxCheckAttempts: 3, notificationSeconds: 3600 };

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SETTING = /^[a-z_]{1,64}$/;

/**
 * Every problem of the arguments at once, each naming the argument. Addresses and commands that are
 * Outputs are skipped: the component runs this again once they resolve (SMS settings that are an Output
 * are checked by the SmsNotifier then).
 */
export function validateNagiosServerArgs(args: Omit<NagiosServerArgs, 'host'>): string[] {
  const problems: string[] = [];
  const hostNames = new Set<string>();
  args.hosts.forEach((host, i) => {
    if (!NAME.test(host.name)) problems.push(`hosts[${i}].name: "${host.name}" is not a host name (letters, digits, _ . -)`);
    else if (hostNames.has(host.name)) problems.push(`hosts[${i}].name: "${host.name}" is watched twice`);
    hostNames.add(host.name);
    const address = knownValue(host.address);
    if (address !== undefined && !isIpv4(address)) problems.push(`hosts[${i}].address: "${address}" is not an IPv4 address`);
    host.groups.forEach((group, g) => {
      if (!NAME.test(group)) problems.push(`hosts[${i}].groups[${g}]: "${group}" is not a group name`);
    });
  });
  const services = new Set<string>();
  args.services.forEach((service, i) => {
    const key = `${service.host}/${service.name}`;
    if (!hostNames.has(service.host)) problems.push(`services[${i}].host: "${service.host}" is not a watched host`);
    if (!NAME.test(service.name)) problems.push(`services[${i}].name: "${service.name}" is not a service name (letters, digits, _ . -)`);
    else if (services.has(key)) problems.push(`services[${i}]: "${key}" is declared twice`);
    services.add(key);
    const active = knownValue(service.active);
    if (active !== undefined && (active.trim() === '' || /[\r\n]/.test(active))) problems.push(`services[${i}].active: must be one non-empty line`);
  });
  args.services.forEach((service, i) =>
    (service.dependsOn ?? []).forEach((master, d) => {
      const key = `${master.host}/${master.name}`;
      if (!services.has(key)) problems.push(`services[${i}].dependsOn[${d}]: "${key}" is not a declared service`);
      else if (key === `${service.host}/${service.name}`) problems.push(`services[${i}].dependsOn[${d}]: a service cannot depend on itself`);
    }),
  );
  const intervals = args.intervals ?? {};
  for (const key of ['checkSeconds', 'retrySeconds', 'maxCheckAttempts'] as const) {
    const value = intervals[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) problems.push(`intervals.${key}: must be a whole number >= 1, got ${value}`);
  }
  const reminder = intervals.notificationSeconds;
  if (reminder !== undefined && !(Number.isInteger(reminder) && reminder >= 0))
    problems.push(`intervals.notificationSeconds: must be a whole number >= 0, got ${reminder}`);
  if (args.sms) problems.push(...validateSmsNotifierArgs(args.sms).map((problem) => `sms.${problem}`));
  for (const [key, value] of Object.entries(args.settings ?? {})) {
    if (!SETTING.test(key)) problems.push(`settings.${key}: not a nagios.cfg setting name`);
    if (/[\r\n]/.test(String(value))) problems.push(`settings.${key}: the value must be one line`);
  }
  return problems;
}
