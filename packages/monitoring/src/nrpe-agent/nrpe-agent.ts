import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, ConfigFileSet, firewallFor, Packages, Service } from '@hastack/host';
import { NrpeAgentArgs, validateNrpeAgentArgs } from './nrpe-agent-args';
import { NRPE_SCRIPT_DIR, renderCheckScript } from './render-check-script';
import { NRPE_DEFAULT_THRESHOLDS, renderNrpeCfg } from './render-nrpe-cfg';

/**
 * NRPE on one host: the agent and the plugins, one drop-in of fixed-argument commands (the tier's as
 * scripts beside it, written with it as one set) answering the monitoring server(s) only (and, where the OS runs firewalld, a rule letting only them in), and the service.
 */
export class NrpeAgent extends pulumi.ComponentResource {
  /** Names of the commands the agent answers: what the Nagios server may ask this host for. */
  public readonly commandNames: string[];
  /** The drop-in's digest. */
  public readonly configDigest: pulumi.Output<string>;

  constructor(name: string, args: NrpeAgentArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('NrpeAgent', name, validateNrpeAgentArgs(args));
    super('hastack:monitoring:NrpeAgent', name, {}, opts);
    const { host } = args;
    const commands = args.commands ?? [];
    this.commandNames = ['check_disk', 'check_load', 'check_swap', 'check_total_procs', ...commands.map((c) => c.name)];

    const content = pulumi
      .all([pulumi.output(args.listenAddress), pulumi.all(args.monitoringAddresses), pulumi.all(commands.map((c) => c.command))])
      .apply(([listenAddress, monitoringAddresses, lines]) => {
        // Addresses known only now are checked now, before the file reaches the host.
        const late = validateNrpeAgentArgs({
          ...args,
          listenAddress,
          monitoringAddresses,
          commands: commands.map((c, i) => ({ name: c.name, command: lines[i] })),
        });
        assertValidArgs('NrpeAgent', name, late);
        return renderNrpeCfg({
          listenAddress,
          port: args.port ?? 5666,
          allowedHosts: monitoringAddresses,
          pluginDir: host.profile.paths.monitoringPluginDir,
          ...NRPE_DEFAULT_THRESHOLDS,
          ...args.thresholds,
          commands: commands.map((c) => c.name),
          scriptDir: NRPE_SCRIPT_DIR,
        });
      });

    const packages = new Packages(`${name}-packages`, { host, roles: ['nrpeServer', 'agentPlugins'] }, { parent: this });
    const config = new ConfigFileSet(
      `${name}-config`,
      {
        host,
        reloadOnRestore: host.profile.services.nrpeServer,
        files: [
          { path: `${host.profile.paths.nrpeConfigDir}/hastack.cfg`, content },
          ...commands.map((c) => ({ path: `${NRPE_SCRIPT_DIR}/${c.name}`, content: pulumi.output(c.command).apply(renderCheckScript), mode: '0755' })),
        ],
      },
      { parent: this, dependsOn: packages },
    );
    this.configDigest = config.digest;
    // allowed_hosts is NRPE's own check after the connection is made: the firewall keeps others from reaching it.
    const firewall = firewallFor(
      `${name}-firewall`,
      {
        host,
        rules: [{ protocol: 'tcp', port: args.port ?? 5666, sources: args.monitoringAddresses, description: 'NRPE from the monitoring server(s) only' }],
      },
      { parent: this },
    );
    // server_address and allowed_hosts are read at start only: a changed drop-in restarts the agent.
    new Service(
      `${name}-service`,
      { host, unit: host.profile.services.nrpeServer, reloadTriggers: [config.digest], restartTriggers: [packages.installed], reloadMode: 'restart' },
      { parent: this, dependsOn: [config, ...firewall] },
    );
    this.registerOutputs({ configDigest: this.configDigest });
  }
}
