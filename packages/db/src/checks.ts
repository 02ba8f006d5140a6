import type * as pulumi from '@pulumi/pulumi';

/** Where a check runs: on the checked host through its monitoring agent, or on the monitoring server against it. */
export const CheckRunners = { host: 'host', monitoringServer: 'monitoring-server' } as const;
export type CheckRunner = (typeof CheckRunners)[keyof typeof CheckRunners];

/**
 * Something the monitoring tier should check about this tier: a plugin-style command (exit 0 OK,
 * 1 WARNING, 2 CRITICAL, one line of text) and where it runs. The monitoring tier turns these into its
 * own objects; nothing here knows about Nagios.
 */
export interface TierCheck {
  /** Inventory name of the host the check is about. */
  host: string;
  /** Short name, unique per host ("mariadb-replication"). */
  name: string;
  /** The command line; it may name the host's address, which may come from another resource. */
  command: pulumi.Input<string>;
  runsOn: CheckRunner;
}

/**
 * Option file ([client] user and password of the tier's monitoring user) that checks run on the
 * monitoring server read; the monitoring tier writes it from `ReplicatedDatabase.monitoringUser` and
 * `monitoringPassword`, readable by its agent only.
 */
export const MONITORING_CLIENT_CONFIG = '/etc/hastack/db-monitoring.cnf';
