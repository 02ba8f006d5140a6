import * as pulumi from '@pulumi/pulumi';
import * as command from '@pulumi/command';
import type { Host } from './host';

/** The parts of a remote command a component chooses; the connection always comes from the host. */
export type HostCommandArgs = Omit<command.remote.CommandArgs, 'connection'> & {
  /**
   * bash that prints one line per way the host differs from what this command made it (a file edited by
   * hand, a service stopped), and nothing when it does not; it gets the command's stdin and environment.
   * `npm run drift` runs it through a refresh; the next update then runs with the lines in $HASTACK_DRIFT.
   */
  driftProbe?: pulumi.Input<string>;
};

/** Where the project's command provider looks for a resource's drift probe (tools/provider-command). */
const DRIFT_PROBE_VARIABLE = 'HASTACK_DRIFT_PROBE';

type Connection = command.types.input.remote.ConnectionArgs;

// The SDK makes each command's connection a secret by lifting the whole object (and its proxy) into
// new Outputs; a host has tens of commands, so its connection is lifted once and shared.
const secretConnections = new WeakMap<Host, pulumi.Output<Connection>>();

function secretConnection(host: Host): pulumi.Output<Connection> {
  let connection = secretConnections.get(host);
  if (!connection) {
    connection = pulumi.secret(host.connection) as pulumi.Output<Connection>;
    secretConnections.set(host, connection);
  }
  return connection;
}

/**
 * A `remote.Command` on a host. Every remote step of every component goes through here.
 *
 * While the SDK builds the resource it tags each of its ~50 internal promises with a stack trace, kept
 * only to name leaked promises under PULUMI_DEBUG_PROMISE_LEAKS, and under ts-node each trace is mapped
 * through source maps: a third of the program's time in a large preview. Traces are switched off for
 * that synchronous stretch; the resource's own source position, which the SDK captures with its own
 * limit, is kept.
 */
export function hostCommand(name: string, host: Host, args: HostCommandArgs, opts: pulumi.CustomResourceOptions): command.remote.Command {
  const { driftProbe, ...commandArgs } = args;
  const environment =
    driftProbe === undefined
      ? commandArgs.environment
      : pulumi.all([commandArgs.environment ?? {}, driftProbe]).apply(([variables, probe]) => ({ ...variables, [DRIFT_PROBE_VARIABLE]: probe }));
  const create = () => new command.remote.Command(name, { ...commandArgs, environment, connection: secretConnection(host) }, opts);
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return create();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
