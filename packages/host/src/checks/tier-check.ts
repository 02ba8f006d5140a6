import type * as pulumi from '@pulumi/pulumi';
import { shellQuote } from '../shell';

/** Where a check runs: on the checked host through its monitoring agent, or on the monitoring server against it. */
export const CheckRunners = { host: 'host', monitoringServer: 'monitoring-server' } as const;
export type CheckRunner = (typeof CheckRunners)[keyof typeof CheckRunners];

/**
 * Something the monitoring tier should check about a tier: a plugin-style bash command (exit 0 OK,
 * 1 WARNING, 2 CRITICAL, one line of text) and where it runs. Every tier exports a list of these;
 * the monitoring tier turns them into its own objects, so no tier knows about Nagios.
 */
export interface TierCheck {
  /** Inventory name of the host the check is about. */
  host: string;
  /** Short name, unique per host ("mariadb-replication"): the NRPE command and the Nagios service. */
  name: string;
  /** One line of bash; it may name an address that comes from another resource. */
  command: pulumi.Input<string>;
  /** On the host (default) or on the monitoring server. */
  runsOn?: CheckRunner;
  /**
   * Checks whose failure explains this one's (a page check fails because Apache stopped): while any of them
   * fails, this one's problem stays on the monitoring page and pages no one, so that a fault pages once, by its cause.
   */
  dependsOn?: readonly CheckRef[];
}

/** A check by host and name, as a `TierCheck` names it. */
export interface CheckRef {
  host: string;
  name: string;
}

/** A check that a systemd unit runs, in plugin style. */
export function unitCheck(unit: string): string {
  return conditionCheck(`systemctl is-active --quiet ${shellQuote(unit)}`, `${unit} running`, `${unit} not running`);
}

/** A check out of any bash test: OK with one text when it succeeds, CRITICAL with the other when not. */
export function conditionCheck(test: string, okText: string, criticalText: string): string {
  return `if ${test}; then echo ${shellQuote(`OK: ${okText}`)}; else echo ${shellQuote(`CRITICAL: ${criticalText}`)}; exit 2; fi`;
}
