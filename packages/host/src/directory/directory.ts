import * as pulumi from '@pulumi/pulumi';
import { stackStateDir } from '../config-file/host-names';
import { hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { DirectoryArgs, validateDirectoryArgs } from './directory-args';
import { ensureDirectoryScript, removeDirectoryScript } from './directory-scripts';
import { assertValidArgs } from '../values';

/**
 * A folder with owner and mode. Destroy removes it only if this stack created it (a record under
 * /var/lib/hastack/<stack>/directories says so), and never with `keepOnDestroy`.
 */
export class Directory extends pulumi.ComponentResource {
  /** The path, once the folder exists: configs that name it wait for it. */
  public readonly path: pulumi.Output<string>;

  constructor(name: string, args: DirectoryArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('Directory', name, validateDirectoryArgs(args));
    super('hastack:host:Directory', name, {}, opts);
    const stateDir = stackStateDir();
    const spec = { path: args.path, owner: args.owner ?? 'root', group: args.group ?? 'root', mode: args.mode ?? '0755' };
    const ensure = bashScript(ensureDirectoryScript(stateDir, spec));
    const command = hostCommand(
      `${name}-directory`,
      args.host,
      {
        create: ensure,
        delete: bashScript(removeDirectoryScript(stateDir, args.path, args.keepOnDestroy ?? false)),
        // Another path is another folder: the new one is made, then the old one undone.
        triggers: [args.path],
      },
      { parent: this, dependsOn: hostReady(args.host) },
    );
    this.path = command.triggers.apply(() => args.path);
    this.registerOutputs({ path: this.path });
  }
}
