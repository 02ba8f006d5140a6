import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { bashScript } from '../shell';
import { removeFileScript, writeFileScript } from './config-file-scripts';

export interface ConfigFileArgs {
  /** Where the file lives. */
  host: Host;
  /** Absolute path on the host. */
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
}

/**
 * A file written from rendered text: atomically, with owner and mode, validated before it replaces the
 * live one. Only a change of content (or of the args) runs anything on the host.
 */
export class ConfigFile extends pulumi.ComponentResource {
  /** sha256 of the content: give it to a Service's reload triggers. */
  public readonly digest: pulumi.Output<string>;
  public readonly path: string;

  constructor(name: string, args: ConfigFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hastack:host:ConfigFile', name, {}, opts);
    const ownership = { owner: args.owner ?? 'root', group: args.group ?? 'root', mode: args.mode ?? '0644' };
    this.path = args.path;
    const write = hostCommand(
      `${name}-write`,
      args.host,
      {
        create: bashScript(writeFileScript(args.path, ownership, args.validate, true)),
        update: bashScript(writeFileScript(args.path, ownership, args.validate, false)),
        delete: bashScript(removeFileScript(args.path)),
        stdin: args.content,
        logging: 'stderr',
      },
      { parent: this },
    );
    // Derived from the written resource, not from args, so whoever waits on it waits for the write.
    this.digest = write.stdin.apply((text) => createHash('sha256').update(text ?? '').digest('hex'));
    this.registerOutputs({ digest: this.digest, path: this.path });
  }
}
