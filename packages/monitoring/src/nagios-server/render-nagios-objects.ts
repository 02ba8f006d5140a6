import { shellQuote } from '@hastack/host';

/** How often Nagios checks, in seconds; `maxCheckAttempts` failed checks make a problem HARD (and notified). */
export interface CheckIntervals {
  checkSeconds: number;
  retrySeconds: number;
  maxCheckAttempts: number;
  /** Seconds between reminders while a problem lasts (0: one notification per problem). */
  notificationSeconds: number;
}

export interface NagiosHostObject {
  name: string;
  address: string;
  /** Host groups it belongs to (the tiers). */
  groups: readonly string[];
  /** bash command checking that the host is up; ping when absent. */
  aliveCheck?: string;
}

export interface NagiosServiceObject {
  host: string;
  name: string;
  /** NRPE command name on the host, or the bash command Nagios runs itself. */
  check: { nrpe: string } | { active: string };
  /** Services whose problem explains this one's: while any is not OK, this one notifies no one. */
  dependsOn?: readonly { host: string; name: string }[];
}

export interface NagiosObjects {
  intervals: CheckIntervals;
  /** Plugin folder of the monitoring host, on the PATH of the active checks. */
  pluginDir: string;
  hosts: readonly NagiosHostObject[];
  services: readonly NagiosServiceObject[];
  /** Command lines (with Nagios macros) that notify of host and service problems; no notifications without. */
  notifier?: { host: string; service: string };
}

function define(type: string, fields: Record<string, string | number>): string {
  const width = Math.max(...Object.keys(fields).map((key) => key.length));
  return [`define ${type} {`, ...Object.entries(fields).map(([key, value]) => `  ${key.padEnd(width)} ${value}`), '}'].join('\n');
}

/** A `;` starts a comment in an object file unless escaped. */
function objectValue(commandLine: string): string {
  return commandLine.replace(/;/g, '\\;');
}

/**
 * One bash command as a Nagios command line: `$` starts a macro, so a bash variable's is doubled; the
 * quoting survives the /bin/sh Nagios hands the line to.
 */
function bashCommandLine(pluginDir: string, command: string): string {
  const script = `PATH=${pluginDir}:/usr/sbin:/usr/bin:/sbin:/bin; ${command}`;
  return objectValue(`/bin/bash -c ${shellQuote(script)}`.replace(/\$/g, '$$$$'));
}

function activeCommandName(host: string, service: string): string {
  return `hastack-${host}-${service}`;
}

/**
 * Every object Nagios needs for the stack, in one file: templates with the stack's intervals, the
 * notifier's commands and contact, one host per monitored host in its tiers' host groups, one service
 * per check (through NRPE or active), one command per active check, and one notification dependency per
 * service and service it depends on.
 */
export function renderNagiosObjects(objects: NagiosObjects): string {
  const { intervals, notifier } = objects;
  const notifications = { notifications_enabled: notifier ? 1 : 0, contact_groups: 'hastack-oncall' };
  const blocks: string[] = ['# Managed by hastack (monitoring NagiosServer); edits are overwritten.'];
  blocks.push(
    define('timeperiod', {
      timeperiod_name: 'hastack-always',
      alias: 'Always',
      ...Object.fromEntries(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((day) => [day, '00:00-24:00'])),
    }),
    define('command', { command_name: 'hastack-nrpe', command_line: '$USER1$/check_nrpe -H $HOSTADDRESS$ -t 30 -c $ARG1$' }),
    define('command', { command_name: 'hastack-ping', command_line: '$USER1$/check_ping -H $HOSTADDRESS$ -w 1000.0,20% -c 3000.0,60% -p 3' }),
  );
  // Nagios wants a contact even when nobody is notified: without a notifier it is one that does nothing.
  const notify = notifier ?? { host: '/bin/true', service: '/bin/true' };
  blocks.push(
    define('command', { command_name: 'hastack-notify-host', command_line: objectValue(notify.host) }),
    define('command', { command_name: 'hastack-notify-service', command_line: objectValue(notify.service) }),
    define('contact', {
      contact_name: 'hastack-sms',
      alias: notifier ? 'SMS to the on-call phones' : 'Nobody (no notifier)',
      host_notifications_enabled: notifier ? 1 : 0,
      service_notifications_enabled: notifier ? 1 : 0,
      host_notification_period: 'hastack-always',
      service_notification_period: 'hastack-always',
      host_notification_options: 'd,u,r',
      service_notification_options: 'w,u,c,r',
      host_notification_commands: 'hastack-notify-host',
      service_notification_commands: 'hastack-notify-service',
    }),
    define('contactgroup', { contactgroup_name: 'hastack-oncall', alias: 'On call', members: 'hastack-sms' }),
  );
  const timing = {
    check_interval: intervals.checkSeconds,
    retry_interval: intervals.retrySeconds,
    max_check_attempts: intervals.maxCheckAttempts,
    check_period: 'hastack-always',
    notification_period: 'hastack-always',
    notification_interval: intervals.notificationSeconds,
    active_checks_enabled: 1,
    ...notifications,
  };
  // Nagios starts what it has never checked as UP/OK and stamps its first check, failed or not, as the last
  // time it was so; started as UNREACHABLE/UNKNOWN, a host or service never up keeps $LASTHOSTUP$ /
  // $LASTSERVICEOK$ at 0, which tells the SMS notifier it is still being built (seen on Nagios 4.4.6).
  blocks.push(
    define('host', { name: 'hastack-host', register: 0, check_command: 'hastack-ping', notification_options: 'd,u,r', initial_state: 'u', ...timing }),
    define('service', { name: 'hastack-service', register: 0, notification_options: 'w,u,c,r', initial_state: 'u', ...timing }),
  );
  const groups = [...new Set(objects.hosts.flatMap((host) => host.groups))].sort();
  for (const group of groups)
    blocks.push(
      define('hostgroup', {
        hostgroup_name: group,
        alias: `hastack ${group} tier`,
        members: objects.hosts
          .filter((h) => h.groups.includes(group))
          .map((h) => h.name)
          .join(','),
      }),
    );
  for (const host of objects.hosts) {
    const alive: Record<string, string> = host.aliveCheck === undefined ? {} : { check_command: activeCommandName(host.name, 'alive') };
    if (host.aliveCheck !== undefined)
      blocks.push(
        define('command', { command_name: activeCommandName(host.name, 'alive'), command_line: bashCommandLine(objects.pluginDir, host.aliveCheck) }),
      );
    blocks.push(define('host', { use: 'hastack-host', host_name: host.name, address: host.address, ...alive }));
  }
  for (const service of objects.services) {
    let checkCommand: string;
    if ('nrpe' in service.check) checkCommand = `hastack-nrpe!${service.check.nrpe}`;
    else {
      checkCommand = activeCommandName(service.host, service.name);
      blocks.push(define('command', { command_name: checkCommand, command_line: bashCommandLine(objects.pluginDir, service.check.active) }));
    }
    // A dependent may see a fault before its master's next check does (the directors' pool check before web1's
    // Apache): it pages only once the fault has lasted a master's check and retry, by when the master has seen
    // it too and holds its notification back (seen: two pool warnings beside Apache's SMS, on Nagios's schedule).
    const delay: Record<string, number> = service.dependsOn?.length ? { first_notification_delay: intervals.checkSeconds + intervals.retrySeconds } : {};
    blocks.push(
      define('service', { use: 'hastack-service', host_name: service.host, service_description: service.name, check_command: checkCommand, ...delay }),
    );
  }
  for (const service of objects.services)
    for (const master of service.dependsOn ?? [])
      blocks.push(
        define('servicedependency', {
          host_name: master.host,
          service_description: master.name,
          dependent_host_name: service.host,
          dependent_service_description: service.name,
          // The dependent is still checked and shown; it only notifies no one while the master is not OK.
          notification_failure_criteria: 'w,u,c',
          execution_failure_criteria: 'n',
        }),
      );
  return blocks.join('\n\n') + '\n';
}
