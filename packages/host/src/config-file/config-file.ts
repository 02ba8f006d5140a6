import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { fileDriftProbe, originalsDir, removeFileScript, writeFileScript } from './config-file-scripts';

export interface ConfigFileArgs {
  /** Where the file lives. */
  host: Host;
  /** Absolute path on the host. A new path replaces the file: the old one is removed (or its original put back). */
  path: string;
  /** The file's text, usually from a pure renderer. A secret stays secret: it travels on stdin only. */
  content: pulumi.Input<string>;
  /** Owner (root). */
  owner?: string;
  /** Group (root). */
  group?: string;
  /** Octal mode ("0644"); secrets want "0600" or "0640". */
  mode?: string;
  /**
   * Check run with the new file in place, as `bash -c`, with its path in $CONFIG_FILE, for example
   * `keepalived -t -f "$CONFIG_FILE"`. When it fails the previous file is restored and the check's
   * output becomes the error.
   */
  validate?: string;
  /**
   * The systemd unit that reads the file. When an update puts back content someone changed on the host
   * (drift found by `npm run drift`), the unit is reloaded: the service's triggers, which reload it on a
   * planned change, did not change.
   */
  reloadOnRestore?: string;
}

/**
 * A file written from rendered text: atomically, with owner and mode, validated before it replaces the
 * live one. Only a change of content (or of the args) runs anything on the host; a hand edit of the file
 * is drift (`fileDriftProbe`), put back by the next update after `npm run drift` found it.
 */
export class ConfigFile extends pulumi.ComponentResource {
  /** sha256 of the path and content: give it to a Service's reload triggers. */
  public readonly digest: pulumi.Output<string>;
  public readonly path: string;

  constructor(name: string, args: ConfigFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:ConfigFile', name, {}, opts);
    const write = { path: args.path, validate: args.validate, originals: originalsDir(pulumi.getStack()), reloadOnRestore: args.reloadOnRestore };
    const ownership = { owner: args.owner ?? 'root', group: args.group ?? 'root', mode: args.mode ?? '0644' };
    this.path = args.path;
    const written = hostCommand(
      `${name}-write`,
      args.host,
      {
        create: bashScript(writeFileScript({ ...write, ownership, firstWrite: true })),
        update: bashScript(writeFileScript({ ...write, ownership, firstWrite: false })),
        delete: bashScript(removeFileScript(args.path, write.originals)),
        stdin: args.content,
        driftProbe: bashScript(fileDriftProbe(args.path, ownership)),
        logging: 'stderr',
        // A new path is another file: the old one goes (its original back) before the new one is checked,
        // so that a daemon never reads both, and the first write at the new path keeps what it finds there.
        triggers: [args.path],
      },
      { parent: this, deleteBeforeReplace: true, dependsOn: hostReady(args.host) },
    );
    // Derived from the written resource, not from args, so whoever waits on it waits for the write.
    this.digest = written.stdin.apply((text) =>
      createHash('sha256')
        .update(`${args.path}\0${text ?? ''}`)
        .digest('hex'),
    );
    this.registerOutputs({ digest: this.digest, path: this.path });
  }
}
