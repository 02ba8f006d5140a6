import type * as pulumi from '@pulumi/pulumi';
import { isIpv4, isPort, knownValue, type Host } from '@hastack/host';

/** Thresholds of the checks every host gets, whatever its tier. */
export interface BaseCheckThresholds {
  /** Free space on / below which the disk check warns / is critical, in percent ([20, 10]). */
  diskFreePercent?: [number, number];
  /** Load per core over 1, 5 and 15 minutes: warning and critical ([[4, 3, 2], [8, 6, 4]]). */
  loadPerCore?: [[number, number, number], [number, number, number]];
  /** Free swap below which the swap check warns / is critical, in percent ([50, 20]). */
  swapFreePercent?: [number, number];
  /** Total processes above which the process check warns / is critical ([300, 500]). */
  totalProcs?: [number, number];
}

/** One fixed-argument command the agent runs when the monitoring server asks for it by name. */
export interface NrpeCommandArgs {
  /** Name the monitoring server asks for (letters, digits, `_`, `.`, `-`). */
  name: string;
  /** bash command; it may come from another resource (an address). One line. */
  command: pulumi.Input<string>;
}

export interface NrpeAgentArgs {
  /** The monitored host. */
  host: Host;
  /** Address the agent listens on: the host's own, never a wildcard. */
  listenAddress: pulumi.Input<string>;
  /** Addresses of the monitoring server(s), the only peers the agent answers; addresses, never names. */
  monitoringAddresses: pulumi.Input<string>[];
  /** The host's tier commands (its `runsOn: 'host'` TierChecks). */
  commands?: NrpeCommandArgs[];
  /** Thresholds of the base checks (disk, load, swap, processes). */
  thresholds?: BaseCheckThresholds;
  /** TCP port (5666). */
  port?: number;
}

const COMMAND_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** Names the base checks take, which a tier command may not reuse. */
export const BASE_CHECK_NAMES = ['check_disk', 'check_load', 'check_swap', 'check_total_procs'] as const;

function checkPair(problems: string[], setting: string, pair: readonly number[] | undefined, higherIsWorse: boolean): void {
  if (pair === undefined) return;
  const [warning, critical] = pair;
  if (!pair.every((value) => Number.isFinite(value) && value >= 0)) problems.push(`${setting}: thresholds must be numbers >= 0, got ${pair.join(', ')}`);
  else if (higherIsWorse ? critical < warning : critical > warning)
    problems.push(`${setting}: the critical threshold ${critical} is less severe than the warning ${warning}`);
}

/** Every problem of the arguments at once, each naming the argument; values known only at deploy time are skipped. */
export function validateNrpeAgentArgs(args: NrpeAgentArgs): string[] {
  const problems: string[] = [];
  const listen = knownValue(args.listenAddress);
  if (listen !== undefined && (!isIpv4(listen) || listen === '0.0.0.0')) problems.push(`listenAddress: "${listen}" is not a host's IPv4 address`);
  if (args.monitoringAddresses.length === 0) problems.push('monitoringAddresses: at least one monitoring server address is needed');
  args.monitoringAddresses.map(knownValue).forEach((address, i) => {
    if (address !== undefined && !isIpv4(address)) problems.push(`monitoringAddresses[${i}]: "${address}" is not an IPv4 address`);
  });
  const seen = new Set<string>(BASE_CHECK_NAMES);
  (args.commands ?? []).forEach((command, i) => {
    if (!COMMAND_NAME.test(command.name)) problems.push(`commands[${i}].name: "${command.name}" is not a command name (letters, digits, _ . -)`);
    else if (seen.has(command.name)) problems.push(`commands[${i}].name: "${command.name}" is used twice`);
    seen.add(command.name);
    const text = knownValue(command.command);
    if (text !== undefined && (text.trim() === '' || /[\r\n]/.test(text))) problems.push(`commands[${i}].command: must be one non-empty line`);
  });
  const t = args.thresholds ?? {};
  checkPair(problems, 'thresholds.diskFreePercent', t.diskFreePercent, false);
  checkPair(problems, 'thresholds.swapFreePercent', t.swapFreePercent, false);
  checkPair(problems, 'thresholds.totalProcs', t.totalProcs, true);
  if (t.loadPerCore) [0, 1, 2].forEach((i) => checkPair(problems, `thresholds.loadPerCore[${i}]`, [t.loadPerCore![0][i], t.loadPerCore![1][i]], true));
  const port = args.port ?? 5666;
  if (!isPort(port)) problems.push(`port: ${port} is outside 1..65535`);
  return problems;
}
