import * as pulumi from '@pulumi/pulumi';
import { onHostName, stackStateFile } from '../config-file/host-names';
import { Host, hostCommand } from '../connection';
import { PackageRole } from '../os-profile';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { installScript, packagesDriftProbe, removeScript } from './package-scripts';

export interface PackagesArgs {
  /** Where to install. */
  host: Host;
  /** Software to install, by role; the host's OS profile names the packages. */
  roles: readonly PackageRole[];
}

/**
 * Packages present on a host. Installs only what is missing, waits for the package manager's lock,
 * refreshes the index and retries once when an install fails, and on destroy removes what it installed,
 * the dependencies it pulled in included, except what other packages still need.
 */
export class Packages extends pulumi.ComponentResource {
  /** Package names this component is responsible for, in install order. */
  public readonly names: string[];
  /**
   * `installed|present <name>=<version>` lines: changes whenever the installed set or a version changes,
   * a restart trigger for the services they ship.
   */
  public readonly installed: pulumi.Output<string>;

  constructor(name: string, args: PackagesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:Packages', name, {}, opts);
    const profile = args.host.profile;
    this.names = [...new Set(args.roles.flatMap((role) => profile.packages[role]))];
    const repositorySetup = profile.extraRepositories
      .filter((repository) => repository.provides.some((role) => args.roles.includes(role)))
      .map((repository) => repository.enable);
    const install = bashScript(installScript(profile, this.names, repositorySetup, stackStateFile('packages', onHostName(name, args.host), '.before')));
    const command = hostCommand(
      `${name}-install`,
      args.host,
      { create: install, update: install, delete: bashScript(removeScript(profile)), driftProbe: bashScript(packagesDriftProbe(profile, this.names)) },
      // Nothing is installed on a host whose OS contradicts the description.
      { parent: this, dependsOn: hostReady(args.host) },
    );
    this.installed = command.stdout;
    this.registerOutputs({ names: this.names, installed: this.installed });
  }
}
