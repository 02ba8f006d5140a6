import type * as pulumi from '@pulumi/pulumi';

/**
 * What the monitoring tier accepts from a tier's `TierCheck` list. The db and dfs lists fit it as they
 * are (structural typing), so this library imports no tier: a check without `runsOn` runs on its host.
 */
export interface MonitoredCheck {
  /** Inventory name of the host the check is about. */
  host: string;
  /** Short name, unique per host; becomes the NRPE command name and the Nagios service name. */
  name: string;
  /** bash command: exit 0 OK, 1 WARNING, 2 CRITICAL, one line of text. */
  command: pulumi.Input<string>;
  /** 'host' (through the host's NRPE agent, the default) or 'monitoring-server' (active, from Nagios). */
  runsOn?: 'host' | 'monitoring-server';
}
