import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, ConfigFile, ConfigFileSet, Packages, Service } from '@hastack/host';
import { DEFAULT_CHECK_INTERVALS, NagiosServerArgs, validateNagiosServerArgs } from './nagios-server-args';
import { NagiosLayout, renderNagiosCfg } from './render-nagios-cfg';
import { renderNagiosObjects } from './render-nagios-objects';
import { renderResourceCfg } from './render-resource-cfg';
import { NAGIOS_USER } from './nagios-user';
import { SmsNotifier } from '../sms-notifier/sms-notifier';

/**
 * Nagios from the distribution, watching what the stack declares: its main config, resource file and
 * one generated object file are one set, checked by `nagios -v` before it replaces the running one (a
 * refused set leaves the old one in place and fails with Nagios's message), then Nagios reloads.
 */
export class NagiosServer extends pulumi.ComponentResource {
  /** Nagios's status data, for status reports and tests. */
  public readonly statusFile: string;
  /** The external command pipe. */
  public readonly commandFile: string;
  /** sha256 of the whole set. */
  public readonly configDigest: pulumi.Output<string>;
  /** The SMS notifier, when the server has one. */
  public readonly sms: SmsNotifier | undefined;

  constructor(name: string, args: NagiosServerArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('NagiosServer', name, validateNagiosServerArgs(args));
    super('hastack:monitoring:NagiosServer', name, {}, opts);
    const { host } = args;
    const { paths } = host.profile;
    const layout: NagiosLayout = {
      configDir: paths.nagiosConfigDir,
      varDir: paths.nagiosVarDir,
      logDir: paths.nagiosLogDir,
      commandFile: paths.nagiosCommandFile,
      lockFile: paths.nagiosLockFile,
      checkResultDir: paths.nagiosCheckResultDir,
      pluginDir: paths.monitoringPluginDir,
    };
    const mainCfg = `${layout.configDir}/nagios.cfg`;
    const objectsFile = `${layout.configDir}/hastack-objects.cfg`;
    this.statusFile = `${layout.varDir}/status.dat`;
    this.commandFile = layout.commandFile;
    const intervals = { ...DEFAULT_CHECK_INTERVALS, ...args.intervals };

    const packages = new Packages(`${name}-packages`, { host, roles: ['nagiosServer', 'monitoringPlugins', 'nrpePlugin'] }, { parent: this });
    // After the packages: they make the Nagios user its files belong to.
    const sms = args.sms && new SmsNotifier(`${name}-sms`, { ...args.sms, host }, { parent: this, dependsOn: packages });
    this.sms = sms;

    const objects = pulumi
      .all([pulumi.all(args.hosts.map((h) => pulumi.all([h.address, h.aliveCheck]))), pulumi.all(args.services.map((s) => s.active))])
      .apply(([hostValues, activeCommands]) => {
        // Addresses and commands known only now are checked now, before the objects reach the host.
        const late = validateNagiosServerArgs({
          ...args,
          hosts: args.hosts.map((h, i) => ({ ...h, address: hostValues[i][0] })),
          services: args.services.map((s, i) => ({ ...s, active: activeCommands[i] })),
        });
        assertValidArgs('NagiosServer', name, late);
        return renderNagiosObjects({
          intervals,
          pluginDir: layout.pluginDir,
          hosts: args.hosts.map((h, i) => ({ name: h.name, address: hostValues[i][0], groups: h.groups, aliveCheck: hostValues[i][1] })),
          services: args.services.map((s, i) => {
            const active = activeCommands[i];
            return { host: s.host, name: s.name, check: active === undefined ? { nrpe: s.name } : { active }, dependsOn: s.dependsOn };
          }),
          notifier: sms && { host: sms.hostCommandLine, service: sms.serviceCommandLine },
        });
      });

    const checkFiles = (args.checkFiles ?? []).map(
      (file, i) =>
        new ConfigFile(
          `${name}-check-file-${i}`,
          { host, path: file.path, content: file.content, group: NAGIOS_USER, mode: '0640' },
          { parent: this, dependsOn: packages },
        ),
    );
    const config = new ConfigFileSet(
      `${name}-config`,
      {
        host,
        reloadOnRestore: host.profile.services.nagiosServer,
        files: [
          {
            path: mainCfg,
            content: renderNagiosCfg({ layout, objectsFile, user: NAGIOS_USER, group: NAGIOS_USER, initialSpreadMinutes: 1, settings: args.settings ?? {} }),
          },
          { path: `${layout.configDir}/resource.cfg`, content: renderResourceCfg(layout), group: NAGIOS_USER, mode: '0640' },
          { path: objectsFile, content: objects },
        ],
        validate: `${paths.nagiosBinary} -v ${mainCfg}`,
      },
      { parent: this, dependsOn: [packages, ...checkFiles, ...(sms?.ready ?? [])] },
    );
    this.configDigest = config.digest;
    new Service(
      `${name}-service`,
      { host, unit: host.profile.services.nagiosServer, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
      { parent: this, dependsOn: config },
    );
    this.registerOutputs({ statusFile: this.statusFile, commandFile: this.commandFile, configDigest: this.configDigest });
  }
}
