import { dispatchingProvider } from '@hastack/provider-kit';
import { main } from '@pulumi/pulumi/provider';
import { version } from '@pulumi/command/package.json';
import { COPY_TO_REMOTE_TYPE, copyToRemote } from './copy-to-remote';
import { engineAddressFromArgs, engineLog, silentLog } from './engine-log';
import { LOCAL_COMMAND_TYPE, localCommand } from './local-command';
import { REMOTE_COMMAND_TYPE, remoteCommand } from './remote-command';
import { ConnectionPool } from './ssh/connection-pool';
import { dial } from './ssh/dial';

// The provider claims the version of the SDK it serves: the engine loads the plugin by that version.
const args = process.argv.slice(2);
const engineAddress = engineAddressFromArgs(args);
const log = engineAddress ? engineLog(engineAddress) : silentLog;
const pool = new ConnectionPool(dial);

void main(
  dispatchingProvider(version, {
    [LOCAL_COMMAND_TYPE]: localCommand(log),
    [REMOTE_COMMAND_TYPE]: remoteCommand(pool, log),
    [COPY_TO_REMOTE_TYPE]: copyToRemote(pool, log),
  }),
  args,
);
