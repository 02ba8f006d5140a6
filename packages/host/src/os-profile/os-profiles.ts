/**
 * The one table of what differs between the distributions the product supports. Tiers ask it for
 * package names, service names, paths and commands; nothing else in the code base names a distribution.
 * The lab's package mirror reads the Debian side of it.
 */

/** Operating systems an inventory may name, as `<distribution>-<major>`. */
export const OperatingSystems = ['debian-12', 'centos-stream-9', 'rocky-8', 'rocky-9', 'alma-8', 'alma-9'] as const;
export type OperatingSystem = (typeof OperatingSystems)[number];

/** Releases the product deployed once and no longer does, with the reason an inventory naming one is refused with. */
export const RetiredOperatingSystems: Readonly<Record<string, string>> = {
  'centos-7': 'end of life since 2024-06-30, and its MariaDB 5.5 has neither GTID replication nor mariabackup',
  'centos-stream-8': 'end of life since 2024-05-31: its repositories have moved to the vault and get no fixes',
};

/** Why an OS name is refused: retired (and why), or unknown; either way, the supported ones. */
export function unsupportedOsMessage(os: string): string {
  const retired = RetiredOperatingSystems[os];
  return `${retired ? `${JSON.stringify(os)} is no longer supported (${retired})` : `unknown OS ${JSON.stringify(os)}`}: supported are ${OperatingSystems.join(', ')}`;
}

export const OsFamilies = { debian: 'debian', el: 'el' } as const;
export type OsFamily = (typeof OsFamilies)[keyof typeof OsFamilies];

/** Software the tiers install, by role; each profile maps a role to its package names. */
export const PackageRoles = [
  'keepalived',
  'ipvsadm',
  'webServer',
  'php',
  'mysqlClient',
  'databaseServer',
  'databaseBackup',
  'moosefsMaster',
  'moosefsMetalogger',
  'moosefsChunkserver',
  'moosefsClient',
  'nagiosServer',
  'nagiosWeb',
  'monitoringPlugins',
  'agentPlugins',
  'nrpeServer',
  'nrpePlugin',
  'smsNotifier',
  'httpClient',
  'firewall',
] as const;
export type PackageRole = (typeof PackageRoles)[number];

/** Daemons the tiers manage, by role; each profile maps a role to its systemd unit. */
export const ServiceRoles = [
  'keepalived',
  'webServer',
  'databaseServer',
  'moosefsMaster',
  'moosefsMetalogger',
  'moosefsChunkserver',
  'nagiosServer',
  'nrpeServer',
] as const;
export type ServiceRole = (typeof ServiceRoles)[number];

export interface PackageManager {
  /** Name shown in messages. */
  readonly name: 'apt' | 'dnf';
  /** Shell fragment that installs the packages named by "$@" without prompting, waiting for the package lock. */
  readonly install: string;
  /**
   * Shell fragment that removes, of the packages named by "$@" (all a stack installed, the dependencies the
   * package manager pulled in included), those no other installed package needs, and nothing else: never
   * an "autoremove" of packages the stack did not install.
   */
  readonly remove: string;
  /** Shell fragment that exits 0 when every package named by "$@" is installed. */
  readonly isInstalled: string;
  /** Shell fragment that prints one `name=version` line per installed package. */
  readonly listInstalled: string;
  /**
   * Shell fragment run before retrying a failed install: finishes an install an interruption left half
   * done, and refreshes the package index.
   */
  readonly refresh: string;
  /**
   * The package database's folder: the stack's installs and removals on one host take an flock on it, one
   * at a time, so that two of them neither race for the package manager's locks nor count each other's
   * packages as their own.
   */
  readonly stateDir: string;
}

export const FirewallKinds = { firewalld: 'firewalld', nftables: 'nftables' } as const;
export type FirewallKind = (typeof FirewallKinds)[keyof typeof FirewallKinds];

export interface ExtraRepository {
  /** Why the stack needs it. */
  readonly reason: string;
  /** Package roles that come from it. */
  readonly provides: readonly PackageRole[];
  /** Shell fragment that enables it, idempotently. */
  readonly enable: string;
}

/**
 * The release series (`<major>.<minor>`) of each daemon a profile installs: the distribution's own, or the
 * stream or repository its `extraRepositories` enable. The package manager installs the series' latest
 * release; renderers whose option names changed between series ask for it (the db tier's MariaDB).
 */
export interface DaemonVersions {
  readonly mariadb: string;
  readonly php: string;
  readonly apache: string;
  readonly keepalived: string;
  readonly nagios: string;
  readonly nrpe: string;
  readonly moosefs: string;
}

export interface NagiosWebLayout {
  /** The URL path the distribution serves the pages under (the CGIs below it, in `cgi-bin`). */
  readonly urlPath: string;
  readonly cgiDir: string;
  readonly htdocsDir: string;
  /** Where the CGIs' stylesheets live when not among the pages (Debian keeps them in /etc). */
  readonly stylesheetsDir?: string;
  /** The web server config the package ships and enables, which the stack's replaces. */
  readonly webServerConf: string;
  readonly cgiConfig: string;
  /**
   * The stack's password file of the interface's users, among the web server's own config files, where a
   * file made in place gets the SELinux type the web server reads (`httpd_config_t`).
   */
  readonly usersFile: string;
  /** The web server's module folder, for loading mod_cgid where the distribution leaves it off. */
  readonly webServerModuleDir: string;
}

export interface OsProfile {
  readonly os: OperatingSystem;
  readonly family: OsFamily;
  readonly majorVersion: number;
  readonly versions: DaemonVersions;
  readonly packageManager: PackageManager;
  readonly packages: Readonly<Record<PackageRole, readonly string[]>>;
  readonly services: Readonly<Record<ServiceRole, string>>;
  readonly paths: {
    readonly keepalivedConfig: string;
    readonly webServerConfigDir: string;
    readonly webDocumentRoot: string;
    /** The access log of the default site (combined format): a release reads the directors' health checks there. */
    readonly webServerAccessLog: string;
    readonly databaseConfigDir: string;
    /** The database server's data folder (the package creates it). */
    readonly databaseDataDir: string;
    /** The database server binary, for checking option files and starting scratch instances. */
    readonly databaseServerBinary: string;
    readonly moosefsConfigDir: string;
    /** Where the MooseFS packages keep daemon data; the master package ships `metadata.mfs.empty` there. */
    readonly moosefsDataDir: string;
    readonly nagiosConfigDir: string;
    readonly nagiosBinary: string;
    /** Where Nagios keeps status.dat, retention and its object cache. */
    readonly nagiosVarDir: string;
    readonly nagiosLogDir: string;
    /** The external command pipe (its folder is the distribution's, with the group it grants). */
    readonly nagiosCommandFile: string;
    readonly nagiosLockFile: string;
    readonly nagiosCheckResultDir: string;
    readonly nrpeConfig: string;
    readonly nrpeConfigDir: string;
    readonly monitoringPluginDir: string;
    readonly sysctlDir: string;
    readonly systemdUnitDir: string;
  };
  /** The distribution's Nagios web interface: its CGIs, pages, their config, and the web server's config that serves them. */
  readonly nagiosWeb: NagiosWebLayout;
  /** Command that checks the web server's whole configuration. */
  readonly webServerConfigTest: string;
  /** The group Apache's workers run as: the application's secret settings are readable by it and root only. */
  readonly webServerGroup: string;
  /** Repositories beyond the base ones, enabled before installing what they provide. */
  readonly extraRepositories: readonly ExtraRepository[];
  /**
   * How the tiers' rules reach the host's firewall: as rich rules of the firewalld zone the family runs by
   * default, or, where the family runs none (Debian), in the stack's own nftables table with its own base.
   */
  readonly firewall: FirewallKind;
  /** SELinux booleans the stack needs switched on, where SELinux is enforcing by default. */
  readonly selinuxBooleans: readonly string[];
}

const APT_GET = 'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300';

const NOT_KEPT_BY_WEAK_DEPENDENCIES = '-o APT::AutoRemove::RecommendsImportant=false -o APT::AutoRemove::SuggestsImportant=false';

/** Keeps the names of "$@" from the lines read on stdin. */
const ONLY_NAMED = 'grep -xF -f <(printf "%s\\n" "$@") || true';

const apt: PackageManager = {
  name: 'apt',
  install: `${APT_GET} -o Acquire::Retries=3 install -y --no-install-recommends "$@"`,
  // Marked as automatically installed, the stack's packages are the ones apt would autoremove once nothing
  // else depends on them; only those of them are purged, never another package apt would autoremove. A
  // package that another one merely recommends or suggests goes too: the stack brought it (adduser
  // suggests perl, which apache2 pulls in).
  remove: [
    'apt-mark auto "$@" >/dev/null',
    `mapfile -t unneeded < <(apt-get -s ${NOT_KEPT_BY_WEAK_DEPENDENCIES} autoremove | sed -n 's/^Remv \\([^ ]*\\) .*/\\1/p' | ${ONLY_NAMED})`,
    `if ((\${#unneeded[@]})); then ${APT_GET} purge -y "\${unneeded[@]}"; fi`,
  ].join('\n'),
  isInstalled: 'for p in "$@"; do dpkg-query -W -f=\'${Status}\' "$p" 2>/dev/null | grep -q "install ok installed" || exit 1; done',
  listInstalled: "dpkg-query -W -f='${db:Status-Abbrev}${Package}=${Version}\\n' | sed -n 's/^ii //p'",
  refresh: `DEBIAN_FRONTEND=noninteractive dpkg --force-confdef --force-confold --configure -a && ${APT_GET} -o Acquire::Retries=3 update`,
  stateDir: '/var/lib/dpkg',
};

const OFFLINE_DNF = "dnf -y -q --disablerepo='*'";

const dnf: PackageManager = {
  name: 'dnf',
  install: 'dnf -y --setopt=retries=3 install "$@"',
  // dnf knows which installed packages nothing needs (its autoremove set): of those, only the stack's go.
  remove: [
    `${OFFLINE_DNF} mark remove "$@" >/dev/null`,
    `mapfile -t unneeded < <(${OFFLINE_DNF} repoquery --unneeded --qf '%{name}' | ${ONLY_NAMED})`,
    `if ((\${#unneeded[@]})); then ${OFFLINE_DNF} --setopt=clean_requirements_on_remove=False remove "\${unneeded[@]}"; fi`,
  ].join('\n'),
  isInstalled: 'rpm -q "$@" >/dev/null',
  listInstalled: "rpm -qa --qf '%{NAME}=%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n'",
  refresh: 'dnf -y makecache',
  stateDir: '/var/lib/rpm',
};

const debian12: OsProfile = {
  os: 'debian-12',
  family: 'debian',
  majorVersion: 12,
  versions: { mariadb: '10.11', php: '8.2', apache: '2.4', keepalived: '2.2', nagios: '4.4', nrpe: '4.1', moosefs: '3.0' },
  packageManager: apt,
  packages: {
    keepalived: ['keepalived'],
    ipvsadm: ['ipvsadm', 'kmod'],
    webServer: ['apache2'],
    php: ['php', 'libapache2-mod-php', 'php-mysql'],
    mysqlClient: ['mariadb-client'],
    databaseServer: ['mariadb-server'],
    databaseBackup: ['mariadb-backup'],
    moosefsMaster: ['moosefs-master', 'moosefs-cli'],
    moosefsMetalogger: ['moosefs-metalogger'],
    moosefsChunkserver: ['moosefs-chunkserver'],
    moosefsClient: ['moosefs-client', 'fuse3'],
    // The daemon alone: the web interface is a role of its own.
    nagiosServer: ['nagios4-core'],
    nagiosWeb: ['nagios4-cgi', 'apache2', 'libapache2-mod-php'],
    // check_mysql needs the MariaDB client library, which the standard set only suggests.
    monitoringPlugins: ['monitoring-plugins-basic', 'monitoring-plugins-standard', 'libmariadb3'],
    // What an NRPE agent runs (disk, load, swap, processes): the basic set, without the standard set's
    // database, LDAP and SNMP client libraries on every host.
    agentPlugins: ['monitoring-plugins-basic'],
    nrpeServer: ['nagios-nrpe-server'],
    nrpePlugin: ['nagios-nrpe-plugin'],
    // The SMS notifier is the SMS presets' own code, bundled: it needs a JavaScript runtime.
    smsNotifier: ['nodejs'],
    httpClient: ['curl'],
    firewall: ['nftables'],
  },
  services: {
    keepalived: 'keepalived',
    webServer: 'apache2',
    databaseServer: 'mariadb',
    moosefsMaster: 'moosefs-master',
    moosefsMetalogger: 'moosefs-metalogger',
    moosefsChunkserver: 'moosefs-chunkserver',
    nagiosServer: 'nagios4',
    nrpeServer: 'nagios-nrpe-server',
  },
  paths: {
    keepalivedConfig: '/etc/keepalived/keepalived.conf',
    webServerConfigDir: '/etc/apache2/conf-enabled',
    webDocumentRoot: '/var/www/html',
    webServerAccessLog: '/var/log/apache2/access.log',
    databaseConfigDir: '/etc/mysql/mariadb.conf.d',
    databaseDataDir: '/var/lib/mysql',
    databaseServerBinary: '/usr/sbin/mariadbd',
    moosefsConfigDir: '/etc/mfs',
    moosefsDataDir: '/var/lib/mfs',
    nagiosConfigDir: '/etc/nagios4',
    nagiosBinary: '/usr/sbin/nagios4',
    nagiosVarDir: '/var/lib/nagios4',
    nagiosLogDir: '/var/log/nagios4',
    nagiosCommandFile: '/var/lib/nagios4/rw/nagios.cmd',
    nagiosLockFile: '/var/run/nagios4/nagios4.pid',
    nagiosCheckResultDir: '/var/lib/nagios4/spool/checkresults',
    nrpeConfig: '/etc/nagios/nrpe.cfg',
    nrpeConfigDir: '/etc/nagios/nrpe.d',
    monitoringPluginDir: '/usr/lib/nagios/plugins',
    sysctlDir: '/etc/sysctl.d',
    systemdUnitDir: '/etc/systemd/system',
  },
  nagiosWeb: {
    urlPath: '/nagios4',
    cgiDir: '/usr/lib/cgi-bin/nagios4',
    htdocsDir: '/usr/share/nagios4/htdocs',
    stylesheetsDir: '/etc/nagios4/stylesheets',
    webServerConf: '/etc/apache2/conf-available/nagios4-cgi.conf',
    cgiConfig: '/etc/nagios4/cgi.cfg',
    usersFile: '/etc/apache2/hastack-nagios-web.users',
    webServerModuleDir: '/usr/lib/apache2/modules',
  },
  webServerConfigTest: 'apache2ctl -t',
  webServerGroup: 'www-data',
  extraRepositories: [],
  firewall: 'nftables',
  selinuxBooleans: [],
};

/**
 * A dnf module stream in place of the release's default one. Enabling it again does nothing; where another
 * stream of the module is enabled already (its packages installed), dnf refuses the switch and so does the
 * install: the data of a running server is never upgraded behind the operator's back.
 */
function moduleStream(stream: string, reason: string, provides: PackageRole[]): ExtraRepository {
  return { reason, provides, enable: `dnf -y -q module enable ${stream}` };
}

/**
 * What the EL releases ship, and the streams chosen where the default cannot run the tiers (sources: Red
 * Hat's application streams of RHEL 8.10 and 9, EPEL 8 and 9, MooseFS's repository; see the host README).
 */
const EL_VERSIONS: Record<8 | 9, { versions: DaemonVersions; streams: ExtraRepository[] }> = {
  8: {
    versions: { mariadb: '10.11', php: '8.2', apache: '2.4', keepalived: '2.1', nagios: '4.4', nrpe: '4.1', moosefs: '3.0' },
    streams: [
      moduleStream(
        'mariadb:10.11',
        "EL8's default MariaDB 10.3 lacks the privileges the db tier grants (BINLOG MONITOR, SLAVE MONITOR, REPLICATION SLAVE ADMIN)",
        ['databaseServer', 'databaseBackup', 'mysqlClient'],
      ),
      moduleStream('php:8.2', "EL8's default PHP 7.2 cannot run the application (str_contains, str_starts_with)", ['php', 'nagiosWeb']),
      moduleStream('nodejs:20', "EL8's default Node.js 10 cannot run the SMS notifier (node:crypto's randomUUID)", ['smsNotifier']),
    ],
  },
  // The distribution's own MariaDB 10.5: what a running EL9 site already holds its data with.
  9: {
    versions: { mariadb: '10.5', php: '8.0', apache: '2.4', keepalived: '2.2', nagios: '4.4', nrpe: '4.1', moosefs: '3.0' },
    streams: [],
  },
};

function enterpriseLinux(os: OperatingSystem, majorVersion: 8 | 9): OsProfile {
  const moosefsRepo = `https://ppa.moosefs.com/moosefs-3/yum/el${majorVersion}`;
  return {
    os,
    family: 'el',
    majorVersion,
    versions: EL_VERSIONS[majorVersion].versions,
    packageManager: dnf,
    packages: {
      keepalived: ['keepalived'],
      ipvsadm: ['ipvsadm'],
      // tar unpacks the application's releases; a minimal EL install may lack it (Debian's is essential).
      webServer: ['httpd', 'tar'],
      php: ['php', 'php-mysqlnd'],
      mysqlClient: ['mariadb'],
      databaseServer: ['mariadb-server'],
      databaseBackup: ['mariadb-backup'],
      moosefsMaster: ['moosefs-master', 'moosefs-cli'],
      moosefsMetalogger: ['moosefs-metalogger'],
      moosefsChunkserver: ['moosefs-chunkserver'],
      moosefsClient: ['moosefs-client', 'fuse3'],
      // EPEL's package holds the CGIs and pages too.
      nagiosServer: ['nagios'],
      nagiosWeb: ['nagios', 'httpd', 'php'],
      monitoringPlugins: ['nagios-plugins-all'],
      agentPlugins: ['nagios-plugins-disk', 'nagios-plugins-load', 'nagios-plugins-swap', 'nagios-plugins-procs'],
      nrpeServer: ['nrpe'],
      nrpePlugin: ['nagios-plugins-nrpe'],
      smsNotifier: ['nodejs'],
      httpClient: ['curl'],
      // firewalld comes with every EL install and the stack only adds rules to its zone; installing it where
      // an administrator removed it would start a zone that rejects what the stack does not declare.
      firewall: [],
    },
    services: {
      keepalived: 'keepalived',
      webServer: 'httpd',
      databaseServer: 'mariadb',
      moosefsMaster: 'moosefs-master',
      moosefsMetalogger: 'moosefs-metalogger',
      moosefsChunkserver: 'moosefs-chunkserver',
      nagiosServer: 'nagios',
      nrpeServer: 'nrpe',
    },
    paths: {
      keepalivedConfig: '/etc/keepalived/keepalived.conf',
      webServerConfigDir: '/etc/httpd/conf.d',
      webDocumentRoot: '/var/www/html',
      webServerAccessLog: '/var/log/httpd/access_log',
      databaseConfigDir: '/etc/my.cnf.d',
      databaseDataDir: '/var/lib/mysql',
      databaseServerBinary: '/usr/libexec/mariadbd',
      moosefsConfigDir: '/etc/mfs',
      moosefsDataDir: '/var/lib/mfs',
      nagiosConfigDir: '/etc/nagios',
      nagiosBinary: '/usr/sbin/nagios',
      nagiosVarDir: '/var/spool/nagios',
      nagiosLogDir: '/var/log/nagios',
      nagiosCommandFile: '/var/spool/nagios/cmd/nagios.cmd',
      nagiosLockFile: '/var/run/nagios/nagios.pid',
      nagiosCheckResultDir: '/var/spool/nagios/checkresults',
      nrpeConfig: '/etc/nagios/nrpe.cfg',
      nrpeConfigDir: '/etc/nrpe.d',
      monitoringPluginDir: '/usr/lib64/nagios/plugins',
      sysctlDir: '/etc/sysctl.d',
      systemdUnitDir: '/etc/systemd/system',
    },
    nagiosWeb: {
      urlPath: '/nagios',
      cgiDir: '/usr/lib64/nagios/cgi-bin',
      htdocsDir: '/usr/share/nagios/html',
      webServerConf: '/etc/httpd/conf.d/nagios.conf',
      cgiConfig: '/etc/nagios/cgi.cfg',
      usersFile: '/etc/httpd/hastack-nagios-web.users',
      webServerModuleDir: '/etc/httpd/modules',
    },
    webServerConfigTest: 'apachectl -t',
    webServerGroup: 'apache',
    extraRepositories: [
      ...EL_VERSIONS[majorVersion].streams,
      {
        reason: "Nagios, NRPE and the monitoring plugins are packaged in EPEL only, whose packages may need the release's CRB (PowerTools on EL8)",
        provides: ['nagiosServer', 'nagiosWeb', 'monitoringPlugins', 'agentPlugins', 'nrpeServer', 'nrpePlugin'],
        enable: `rpm -q epel-release >/dev/null || yum -y install epel-release; dnf config-manager --set-enabled ${majorVersion === 8 ? 'powertools' : 'crb'}`,
      },
      {
        reason: 'MooseFS is packaged by its authors only',
        provides: ['moosefsMaster', 'moosefsMetalogger', 'moosefsChunkserver', 'moosefsClient'],
        enable: [
          'test -f /etc/yum.repos.d/MooseFS.repo ||',
          `printf '%s\\n' '[MooseFS]' 'name=MooseFS' 'baseurl=${moosefsRepo}' 'gpgcheck=1' 'gpgkey=https://ppa.moosefs.com/RPM-GPG-KEY-MooseFS' 'enabled=1'`,
          '> /etc/yum.repos.d/MooseFS.repo',
        ].join(' '),
      },
    ],
    firewall: 'firewalld',
    selinuxBooleans: ['httpd_can_network_connect_db', 'httpd_use_fusefs'],
  };
}

const profiles: Readonly<Record<OperatingSystem, OsProfile>> = {
  'debian-12': debian12,
  'centos-stream-9': enterpriseLinux('centos-stream-9', 9),
  'rocky-8': enterpriseLinux('rocky-8', 8),
  'rocky-9': enterpriseLinux('rocky-9', 9),
  'alma-8': enterpriseLinux('alma-8', 8),
  'alma-9': enterpriseLinux('alma-9', 9),
};

export function isOperatingSystem(value: string): value is OperatingSystem {
  return (OperatingSystems as readonly string[]).includes(value);
}

/** The profile of an operating system; throws a message listing the supported ones for anything else. */
export function osProfile(os: string): OsProfile {
  if (!isOperatingSystem(os)) {
    throw new Error(unsupportedOsMessage(os));
  }
  return profiles[os];
}

/** Every package name a profile can install, sorted and without repeats (the lab mirror's list). */
export function allPackageNames(profile: OsProfile): string[] {
  return [...new Set(Object.values(profile.packages).flat())].sort();
}
