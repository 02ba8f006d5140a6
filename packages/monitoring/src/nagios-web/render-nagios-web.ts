import type { NagiosWebLayout } from '@hastack/host';

export interface NagiosWebApacheConf {
  layout: NagiosWebLayout;
  /** Addresses or networks allowed to reach the interface at all. */
  adminSources: readonly string[];
  /** The realm the browser shows when it asks for the password. */
  realm: string;
}

/**
 * The web server config that replaces the distribution's: the pages and CGIs only for the admin sources
 * *and* a valid user, both required (the distribution's Debian file lets any private address in without
 * a password). mod_cgid is loaded where no CGI module is, as Debian leaves it off.
 */
export function renderNagiosWebApacheConf(conf: NagiosWebApacheConf): string {
  const { layout } = conf;
  const dirs = [layout.htdocsDir, layout.cgiDir, ...(layout.stylesheetsDir ? [layout.stylesheetsDir] : [])];
  return [
    '# Managed by hastack: the Nagios web interface, for the admin network and a valid user only.',
    '<IfModule !mod_cgi.c>',
    '  <IfModule !mod_cgid.c>',
    `    LoadModule cgid_module ${layout.webServerModuleDir}/mod_cgid.so`,
    '  </IfModule>',
    '</IfModule>',
    `ScriptAlias ${layout.urlPath}/cgi-bin ${layout.cgiDir}`,
    ...(layout.stylesheetsDir ? [`Alias ${layout.urlPath}/stylesheets ${layout.stylesheetsDir}`] : []),
    `Alias ${layout.urlPath} ${layout.htdocsDir}`,
    `<DirectoryMatch "^(${dirs.join('|')})">`,
    '  Options FollowSymLinks',
    '  DirectoryIndex index.php index.html',
    '  AllowOverride None',
    '  AuthType Basic',
    `  AuthName "${conf.realm}"`,
    '  AuthBasicProvider file',
    `  AuthUserFile "${layout.usersFile}"`,
    '  <RequireAll>',
    `    Require ip ${conf.adminSources.join(' ')}`,
    '    Require valid-user',
    '  </RequireAll>',
    '</DirectoryMatch>',
    `<Directory "${layout.cgiDir}">`,
    '  Options +ExecCGI',
    '</Directory>',
    '',
  ].join('\n');
}

export interface NagiosCgiCfg {
  layout: NagiosWebLayout;
  /** Nagios's main config, which the CGIs read for the status and object files. */
  mainConfig: string;
  /** The interface's one user. */
  user: string;
  /** Whether that user may send commands (acknowledge, schedule downtime, disable checks); read-only otherwise. */
  allowCommands: boolean;
}

/**
 * The CGIs' config: authentication on, the user sees every host and service and the configuration; the
 * command rights only when granted, and `authorized_for_read_only` otherwise, so the pages offer none.
 */
export function renderNagiosCgiCfg(cfg: NagiosCgiCfg): string {
  const { layout, user } = cfg;
  const settings: [string, string | number][] = [
    ['main_config_file', cfg.mainConfig],
    ['physical_html_path', layout.htdocsDir],
    ['url_html_path', layout.urlPath],
    ['show_context_help', 0],
    ['use_pending_states', 1],
    ['use_authentication', 1],
    ['use_ssl_authentication', 0],
    ['authorized_for_system_information', user],
    ['authorized_for_configuration_information', user],
    ['authorized_for_all_hosts', user],
    ['authorized_for_all_services', user],
    ...(cfg.allowCommands
      ? ([
          ['authorized_for_system_commands', user],
          ['authorized_for_all_host_commands', user],
          ['authorized_for_all_service_commands', user],
        ] as [string, string][])
      : ([['authorized_for_read_only', user]] as [string, string][])),
    ['refresh_rate', 90],
    ['result_limit', 100],
    ['escape_html_tags', 1],
    ['action_url_target', '_blank'],
    ['notes_url_target', '_blank'],
    ['lock_author_names', 1],
    ['navbar_search_for_addresses', 1],
    ['navbar_search_for_aliases', 1],
  ];
  return ['# Managed by hastack: the Nagios CGIs.', ...settings.map(([key, value]) => `${key}=${value}`), ''].join('\n');
}

/** Apache's password file: one user with a bcrypt hash (`$2a$`/`$2y$`, which Apache 2.4 checks). */
export function renderUsersFile(user: string, bcryptHash: string): string {
  return `${user}:${bcryptHash}\n`;
}
