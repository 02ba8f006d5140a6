import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, ConfigFileSet, ConfigFileSpec, firewallFor, Host, Packages, selinuxBooleansFor, Service, type TierCheck } from '@hastack/host';
import { webChecks } from '../checks';
import { renderAppSettings } from './render-app-settings';
import { HEALTH_DIR, renderApacheConf, renderSitePages } from './render-site';
import { AppDatabase, validateWebServerArgs, WebServerArgs } from './web-server-args';

/**
 * The application's settings, outside the document root so Apache never serves them. One folder deep: a
 * file set removes on destroy the folder it created for a file, not that folder's parents.
 */
export const APP_SETTINGS_PATH = '/etc/hastack-web/settings.php';

/** Apache's own port (the distribution's `Listen 80`): DR mode forwards the VIP's port unchanged. */
export const HTTP_PORT = 80;
/** Answered by Apache alone, so the directors' check never fails because a backend is down. */
export const HEALTH_PATH = '/health';

/** While this file exists the host's health URL answers 503: the directors drain it (rolling releases). */
export function drainFlagPath(stack: string = pulumi.getStack()): string {
  return `/var/lib/hastack/${stack}/web/drain`;
}

function appSettingsFile(host: Host, database: AppDatabase, sharedDir: pulumi.Input<string> | undefined): ConfigFileSpec {
  const content = pulumi
    .all([database.primaryAddress, database.replicaAddresses, database.database, database.password, sharedDir])
    .apply(([primary, replicas, name, password, shared]) =>
      renderAppSettings({ primary, replicas, port: database.port, database: name, user: database.user, password, sharedDir: shared }),
    );
  return { path: APP_SETTINGS_PATH, content: pulumi.secret(content), owner: 'root', group: host.profile.webServerGroup, mode: '0640' };
}

/**
 * Apache with PHP (mod_php, prefork) from the distribution, serving a PHP page that names the host (or the
 * application an `AppRelease` puts live) and a static /health URL for the directors' checks, 503 while the
 * host is drained (`drainFlagPath`). Its config is checked with the distribution's config test before
 * Apache reloads it.
 */
export class WebServer extends pulumi.ComponentResource {
  /** The systemd unit of the web server. */
  public readonly unit: string;
  /** The address the directors forward to: the host's data address. */
  public readonly address: pulumi.Output<string>;
  /** The port it serves on, once it serves: a director's virtual service port. */
  public readonly port: pulumi.Output<number>;
  /** The path of the health URL, once it answers: a director's HTTP health check path. */
  public readonly healthPath: pulumi.Output<string>;
  /** The full health URL on the host, for probes and monitoring. */
  public readonly healthUrl: pulumi.Output<string>;
  /** What monitoring should check about this web server: Apache running, its page and its health URL answering. */
  public readonly checks: TierCheck[];

  constructor(name: string, args: WebServerArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('WebServer', name, validateWebServerArgs(args));
    super('hastack:web:WebServer', name, {}, opts);
    const { host } = args;
    const { paths, services } = host.profile;
    const packages = new Packages(`${name}-packages`, { host, roles: ['webServer', 'php'] }, { parent: this });
    const pages = renderSitePages(host.name);
    // One set, one check: a config Apache refuses puts every file back and the old site keeps serving.
    const site = new ConfigFileSet(
      `${name}-site`,
      {
        host,
        reloadOnRestore: host.profile.services.webServer,
        files: [
          {
            path: `${paths.webServerConfigDir}/hastack.conf`,
            content: renderApacheConf({ serverName: host.name, healthPath: HEALTH_PATH, drainFlag: drainFlagPath(), settings: args.apacheSettings }),
          },
          ...(args.placeholderPage === false ? [] : [{ path: `${paths.webDocumentRoot}/index.php`, content: pages.index }]),
          { path: `${HEALTH_DIR}${HEALTH_PATH}`, content: pages.health },
          ...(args.database ? [appSettingsFile(host, args.database, args.sharedDir)] : []),
        ],
        validate: host.profile.webServerConfigTest,
      },
      { parent: this, dependsOn: packages },
    );
    // Clients come straight from anywhere (DR replies bypass the directors); PHP reaches the database and
    // serves files from the MooseFS mount, which SELinux forbids httpd by default.
    const firewall = firewallFor(
      `${name}-firewall`,
      { host, rules: [{ protocol: 'tcp', port: HTTP_PORT, description: "HTTP from clients and the directors' checks" }] },
      { parent: this },
    );
    const selinux = selinuxBooleansFor(`${name}-selinux`, { host, booleans: [...host.profile.selinuxBooleans] }, { parent: this });
    const service = new Service(
      `${name}-service`,
      { host, unit: services.webServer, reloadTriggers: [site.digest], restartTriggers: [packages.installed] },
      { parent: this, dependsOn: [site, ...firewall, ...selinux] },
    );
    this.unit = services.webServer;
    this.address = host.dataAddress;
    // Resolved through the service, so a director that takes them waits until the page answers.
    const serving = pulumi.output(service.urn);
    this.port = serving.apply(() => HTTP_PORT);
    this.healthPath = serving.apply(() => HEALTH_PATH);
    this.healthUrl = pulumi.interpolate`http://${host.dataAddress}:${this.port}${this.healthPath}`;
    this.checks = webChecks({ host, port: HTTP_PORT, pagePath: '/', healthPath: HEALTH_PATH });
    this.registerOutputs({ unit: this.unit, address: this.address, port: this.port, healthPath: this.healthPath, healthUrl: this.healthUrl });
  }
}
