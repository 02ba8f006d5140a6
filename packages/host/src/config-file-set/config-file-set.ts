import * as pulumi from '@pulumi/pulumi';
import { createHash } from 'node:crypto';
import { originalsDir } from '../config-file/config-file-scripts';
import { Host, hostCommand } from '../connection';
import { accountProblems, modeProblems, pathProblems } from '../directory/directory-args';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { fileSetDriftProbe, removeFileSetScript, setInput, writeFileSetScript } from './config-file-set-scripts';
import { assertValidArgs } from '../values';

export interface ConfigFileSpec {
  /** Absolute path on the host. */
  path: string;
  /** The file's text, usually from a pure renderer; may be a secret (it travels on stdin only). */
  content: pulumi.Input<string>;
  /** Owner (root). */
  owner?: string;
  /** Group (root). */
  group?: string;
  /** Octal mode ("0644"). */
  mode?: string;
}

export interface ConfigFileSetArgs {
  /** Where the files live. */
  host: Host;
  /** The files, written in this order. */
  files: ConfigFileSpec[];
  /**
   * One check over the whole set, run as bash with every file in place, e.g. `nagios4 -v /etc/nagios4/nagios.cfg`
   * or `mfsmaster -t`. When it fails every file goes back to what it was and its output is the error.
   */
  validate?: string;
  /**
   * The systemd unit that reads the files, reloaded when an update puts back content someone changed on the
   * host (drift found by `npm run drift`): the service's triggers, which reload it on a planned change, did
   * not change.
   */
  reloadOnRestore?: string;
}

/** Every problem with the arguments, each naming its argument. */
export function validateConfigFileSetArgs(args: Omit<ConfigFileSetArgs, 'host'>): string[] {
  if (args.files.length === 0) return ['files: a set needs at least one file'];
  const seen = new Set<string>();
  return args.files.flatMap((file, index) => {
    const at = `files[${index}]`;
    const duplicate = seen.has(file.path) ? [`${at}.path: "${file.path}" is already in the set`] : [];
    seen.add(file.path);
    return [
      ...pathProblems(`${at}.path`, file.path),
      ...duplicate,
      ...accountProblems(`${at}.owner`, file.owner),
      ...accountProblems(`${at}.group`, file.group),
      ...modeProblems(`${at}.mode`, file.mode),
    ];
  });
}

/**
 * Files that a daemon reads together and checks as one (Nagios's main config and its object files,
 * MooseFS's mfsmaster.cfg and mfsexports.cfg): all put in place, one check, all put back if it fails,
 * one digest for the service's reload trigger. A file dropped from the set is removed (or its original
 * put back); destroy does the same for every file.
 */
export class ConfigFileSet extends pulumi.ComponentResource {
  /** sha256 of every path and content: give it to a Service's reload triggers. */
  public readonly digest: pulumi.Output<string>;
  public readonly paths: string[];

  constructor(name: string, args: ConfigFileSetArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('ConfigFileSet', name, validateConfigFileSetArgs(args));
    super('hastack:host:ConfigFileSet', name, {}, opts);
    const originals = originalsDir(pulumi.getStack());
    this.paths = args.files.map((file) => file.path);
    const files = args.files.map((file) => ({
      path: file.path,
      ownership: { owner: file.owner ?? 'root', group: file.group ?? 'root', mode: file.mode ?? '0644' },
    }));
    const written = hostCommand(
      `${name}-write`,
      args.host,
      {
        create: bashScript(writeFileSetScript(files, args.validate, originals, args.reloadOnRestore)),
        delete: bashScript(removeFileSetScript(this.paths, originals)),
        stdin: pulumi.all(args.files.map((file) => file.content)).apply(setInput),
        driftProbe: bashScript(fileSetDriftProbe(files)),
        logging: 'stderr',
      },
      { parent: this, dependsOn: hostReady(args.host) },
    );
    // Derived from the written resource, so whoever waits on the digest waits for the write.
    this.digest = written.stdin.apply((input) =>
      createHash('sha256')
        .update(`${this.paths.join('\0')}\0${input ?? ''}`)
        .digest('hex'),
    );
    this.registerOutputs({ digest: this.digest, paths: this.paths });
  }
}
