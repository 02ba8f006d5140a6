/** Where the distribution's Nagios keeps its files (the OS profile's `nagios*` paths). */
export interface NagiosLayout {
  configDir: string;
  varDir: string;
  logDir: string;
  commandFile: string;
  lockFile: string;
  checkResultDir: string;
  pluginDir: string;
}

export interface NagiosCfg {
  layout: NagiosLayout;
  /** The generated object file, the only objects Nagios reads. */
  objectsFile: string;
  user: string;
  group: string;
  /** Minutes over which the first checks after a start are spread. */
  initialSpreadMinutes: number;
  /** Further main-config settings; they win over the rendered ones. */
  settings: Readonly<Record<string, string | number>>;
}

/**
 * The main config. It replaces the distribution's so that Nagios reads the stack's objects only (the
 * samples' localhost checks would alert about services this host does not run). Intervals are in
 * seconds (`interval_length=1`) so a stack can ask for checks every few seconds.
 */
export function renderNagiosCfg(cfg: NagiosCfg): string {
  const { layout } = cfg;
  const settings: Record<string, string | number> = {
    log_file: `${layout.logDir}/nagios.log`,
    cfg_file: cfg.objectsFile,
    object_cache_file: `${layout.varDir}/objects.cache`,
    precached_object_file: `${layout.varDir}/objects.precache`,
    resource_file: `${layout.configDir}/resource.cfg`,
    status_file: `${layout.varDir}/status.dat`,
    status_update_interval: 5,
    nagios_user: cfg.user,
    nagios_group: cfg.group,
    check_external_commands: 1,
    command_file: layout.commandFile,
    lock_file: layout.lockFile,
    temp_file: `${layout.varDir}/nagios.tmp`,
    temp_path: '/tmp',
    check_result_path: layout.checkResultDir,
    log_rotation_method: 'd',
    log_archive_path: `${layout.logDir}/archives`,
    use_syslog: 0,
    log_notifications: 1,
    log_service_retries: 1,
    log_host_retries: 1,
    log_initial_states: 0,
    retain_state_information: 1,
    state_retention_file: `${layout.varDir}/retention.dat`,
    retention_update_interval: 60,
    interval_length: 1,
    max_service_check_spread: cfg.initialSpreadMinutes,
    max_host_check_spread: cfg.initialSpreadMinutes,
    check_result_reaper_frequency: 2,
    service_check_timeout: 60,
    host_check_timeout: 30,
    notification_timeout: 30,
    enable_notifications: 1,
    execute_service_checks: 1,
    execute_host_checks: 1,
    enable_flap_detection: 1,
    // A dependent's problem is judged against its masters' state now: a master in a soft state counts, a
    // dependent that changes state has its masters checked at once, never from a cached result.
    soft_state_dependencies: 1,
    enable_predictive_service_dependency_checks: 1,
    cached_service_check_horizon: 0,
    check_for_updates: 0,
    enable_environment_macros: 0,
    date_format: 'iso8601',
    illegal_object_name_chars: '`~!$%^&*|\'"<>?,()=',
    illegal_macro_output_chars: '`~$&|\'"<>',
    admin_email: 'root@localhost',
    admin_pager: 'root@localhost',
    ...cfg.settings,
  };
  return (
    ['# Managed by hastack (monitoring NagiosServer); edits are overwritten.', ...Object.entries(settings).map(([key, value]) => `${key}=${value}`)].join(
      '\n',
    ) + '\n'
  );
}
