import { PropertyMap, reveal, type ResourceHandler } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';
import { commandResource } from './command-resource';
import type { ResourceLog } from './engine-log';
import type { ConnectionPool } from './ssh/connection-pool';
import { checkConnection, connectionSpec } from './ssh/connection-spec';
import { ENVIRONMENT_NAME } from './ssh/exec-bootstrap';
import { execRemote } from './ssh/remote-exec';

export const REMOTE_COMMAND_TYPE = 'command:remote:Command';

function checkRemoteInputs(wire: PropertyMap): CheckFailure[] {
  const environment = reveal(wire.environment);
  const invalidNames = typeof environment === 'object' && environment !== null ? Object.keys(environment).filter((name) => !ENVIRONMENT_NAME.test(name)) : [];
  return [
    ...checkConnection(wire.connection),
    ...invalidNames.map((name) => ({
      property: `environment.${name}`,
      reason: `"${name}" cannot be exported by a shell: use letters, digits and _ (and not "_" alone)`,
    })),
  ];
}

/**
 * `command:remote:Command`. Unlike upstream, commands to the same host share one SSH connection,
 * and the environment is sent on stdin rather than as SSH `env` requests, so sshd needs no AcceptEnv.
 */
export function remoteCommand(pool: ConnectionPool, log: ResourceLog): ResourceHandler {
  return commandResource(
    {
      extraInputKeys: ['connection'],
      checkExtraInputs: checkRemoteInputs,
      runnerFor: (wire) => (run) =>
        pool.withConnection(
          connectionSpec(wire.connection),
          (client) => execRemote(client, run, log),
          (message) => log.status(run.urn, message),
        ),
    },
    log,
  );
}
