import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { assertValidArgs, ConfigFileSet, firewallFor, Packages, Service } from '@hastack/host';
import { DEFAULT_NAGIOS_WEB_USER, NagiosWebArgs, validateNagiosWebArgs } from './nagios-web-args';
import { renderNagiosCgiCfg, renderNagiosWebApacheConf, renderUsersFile } from './render-nagios-web';

/** Apache's port on the monitoring host. */
export const NAGIOS_WEB_PORT = 80;

/**
 * Nagios's own web interface (the distribution's CGIs and pages behind Apache) on the monitoring host: only
 * the admin sources reach it (the firewall, and Apache again), and only with the generated password; the
 * user sees everything and changes nothing unless `allowCommands`. Apache's config test passes the whole
 * set (its config, the CGIs' config, the password file) before Apache reloads.
 */
export class NagiosWeb extends pulumi.ComponentResource {
  /** Where an admin opens it. */
  public readonly url: pulumi.Output<string>;
  public readonly user: string;
  /** The generated password (a secret). */
  public readonly password: pulumi.Output<string>;

  constructor(name: string, args: NagiosWebArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('NagiosWeb', name, validateNagiosWebArgs(args));
    super('hastack:monitoring:NagiosWeb', name, {}, opts);
    const { host } = args;
    const layout = host.profile.nagiosWeb;
    this.user = args.user ?? DEFAULT_NAGIOS_WEB_USER;
    const password = new random.RandomPassword(`${name}-password`, { length: 24, special: false }, { parent: this });
    this.password = password.result;

    const packages = new Packages(`${name}-packages`, { host, roles: ['nagiosWeb'] }, { parent: this });
    const sources = pulumi.all(args.adminSources).apply((known) => {
      assertValidArgs('NagiosWeb', name, validateNagiosWebArgs({ ...args, adminSources: known }));
      return known;
    });
    const config = new ConfigFileSet(
      `${name}-config`,
      {
        host,
        reloadOnRestore: host.profile.services.webServer,
        files: [
          {
            path: layout.webServerConf,
            content: sources.apply((adminSources) => renderNagiosWebApacheConf({ layout, adminSources, realm: `Nagios (${host.name})` })),
          },
          {
            path: layout.cgiConfig,
            content: renderNagiosCgiCfg({
              layout,
              mainConfig: `${host.profile.paths.nagiosConfigDir}/nagios.cfg`,
              user: this.user,
              allowCommands: args.allowCommands ?? false,
            }),
          },
          {
            path: layout.usersFile,
            content: pulumi.secret(password.bcryptHash.apply((hash) => renderUsersFile(this.user, hash))),
            group: host.profile.webServerGroup,
            mode: '0640',
          },
        ],
        validate: host.profile.webServerConfigTest,
      },
      { parent: this, dependsOn: packages },
    );
    const firewall = firewallFor(
      `${name}-firewall`,
      { host, rules: [{ protocol: 'tcp', port: NAGIOS_WEB_PORT, sources: args.adminSources, description: 'the Nagios web interface, for the admin network' }] },
      { parent: this },
    );
    const service = new Service(
      `${name}-service`,
      { host, unit: host.profile.services.webServer, reloadTriggers: [config.digest], restartTriggers: [packages.installed] },
      { parent: this, dependsOn: [config, ...firewall] },
    );
    this.url = pulumi.all([host.address, service.urn]).apply(([address]) => `http://${address}${layout.urlPath}/`);
    this.registerOutputs({ url: this.url, user: this.user, password: this.password });
  }
}
