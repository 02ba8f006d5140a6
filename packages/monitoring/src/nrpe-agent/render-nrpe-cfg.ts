export interface NrpeCfg {
  listenAddress: string;
  port: number;
  allowedHosts: readonly string[];
  /** The OS profile's `monitoringPluginDir`. */
  pluginDir: string;
  diskFreePercent: [number, number];
  loadPerCore: [[number, number, number], [number, number, number]];
  swapFreePercent: [number, number];
  totalProcs: [number, number];
  /** Names of the tier commands: each runs its script in `scriptDir`. */
  commands: readonly string[];
  /** Where the tier commands' scripts are (`NRPE_SCRIPT_DIR`). */
  scriptDir: string;
}

export const NRPE_DEFAULT_THRESHOLDS = {
  diskFreePercent: [20, 10] as [number, number],
  loadPerCore: [
    [4, 3, 2],
    [8, 6, 4],
  ] as [[number, number, number], [number, number, number]],
  swapFreePercent: [50, 20] as [number, number],
  totalProcs: [300, 500] as [number, number],
};

/**
 * The agent's drop-in, read after the distribution's nrpe.cfg (include_dir is its last line), so its
 * settings win. Arguments from the server are refused (dont_blame_nrpe=0): every command is fixed here.
 */
export function renderNrpeCfg(cfg: NrpeCfg): string {
  const plugin = (name: string) => `${cfg.pluginDir}/${name}`;
  const [loadWarning, loadCritical] = cfg.loadPerCore;
  const lines = [
    '# Managed by hastack (monitoring NrpeAgent); edits are overwritten.',
    `server_address=${cfg.listenAddress}`,
    `server_port=${cfg.port}`,
    // NRPE matches these against the peer's address; a name would need a lookup at start-up.
    `allowed_hosts=${cfg.allowedHosts.join(',')}`,
    'dont_blame_nrpe=0',
    'allow_bash_command_substitution=0',
    `command[check_disk]=${plugin('check_disk')} -w ${cfg.diskFreePercent[0]}% -c ${cfg.diskFreePercent[1]}% -p /`,
    `command[check_load]=${plugin('check_load')} -r -w ${loadWarning.join(',')} -c ${loadCritical.join(',')}`,
    // -n ok: a host without swap (containers, many VMs) is not a problem.
    `command[check_swap]=${plugin('check_swap')} -n ok -w ${cfg.swapFreePercent[0]}% -c ${cfg.swapFreePercent[1]}%`,
    `command[check_total_procs]=${plugin('check_procs')} -w ${cfg.totalProcs[0]} -c ${cfg.totalProcs[1]}`,
    // NRPE's own handling of a long quoted shell line lost some commands' output (seen in the lab): a path is safe.
    ...cfg.commands.map((name) => `command[${name}]=${cfg.scriptDir}/${name}`),
  ];
  return lines.join('\n') + '\n';
}
