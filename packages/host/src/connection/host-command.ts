import * as pulumi from '@pulumi/pulumi';
import * as command from '@pulumi/command';
import type { Host } from './host';

/** The parts of a remote command a component chooses; the connection always comes from the host. */
export type HostCommandArgs = Omit<command.remote.CommandArgs, 'connection'>;

/** A `remote.Command` on a host. Every remote step of every component goes through here. */
export function hostCommand(
  name: string,
  host: Host,
  args: HostCommandArgs,
  opts: pulumi.CustomResourceOptions,
): command.remote.Command {
  return new command.remote.Command(name, { ...args, connection: host.connection }, opts);
}
