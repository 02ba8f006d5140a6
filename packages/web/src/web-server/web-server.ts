import * as pulumi from '@pulumi/pulumi';
import { ConfigFile, Host, Packages, Service } from '@hastack/host';
import { renderApacheConf, renderSitePages } from './render-site';

export interface WebServerArgs {
  /** The web host. */
  host: Host;
}

/**
 * Apache from the distribution, serving a page that names the host and a /health URL for the directors'
 * checks. Its config is checked with the distribution's config test before Apache reloads it.
 */
export class WebServer extends pulumi.ComponentResource {
  /** The systemd unit of the web server. */
  public readonly unit: string;

  constructor(name: string, args: WebServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:web:WebServer', name, {}, opts);
    const { host } = args;
    const { paths, services } = host.profile;
    const packages = new Packages(`${name}-packages`, { host, roles: ['webServer'] }, { parent: this });
    const pages = renderSitePages(host.name);
    const files = [
      new ConfigFile(`${name}-conf`, {
        host,
        path: `${paths.webServerConfigDir}/hastack.conf`,
        content: renderApacheConf(host.name),
        validate: host.profile.webServerConfigTest,
      }, { parent: this, dependsOn: packages }),
      new ConfigFile(`${name}-index`, { host, path: `${paths.webDocumentRoot}/index.html`, content: pages.index }, { parent: this, dependsOn: packages }),
      new ConfigFile(`${name}-health`, { host, path: `${paths.webDocumentRoot}/health`, content: pages.health }, { parent: this, dependsOn: packages }),
    ];
    new Service(
      `${name}-service`,
      { host, unit: services.webServer, reloadTriggers: [files[0].digest], restartTriggers: [packages.installed] },
      { parent: this, dependsOn: files },
    );
    this.unit = services.webServer;
    this.registerOutputs({ unit: this.unit });
  }
}
