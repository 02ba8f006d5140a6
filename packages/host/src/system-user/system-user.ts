import * as pulumi from '@pulumi/pulumi';
import { stackStateDir } from '../config-file/host-names';
import { Host, hostCommand } from '../connection';
import { accountProblems, pathProblems } from '../directory/directory-args';
import { hostReady } from '../host-facts/host-facts';
import { bashScript } from '../shell';
import { ensureSystemUserScript, removeSystemUserScript } from './system-user-scripts';
import { assertValidArgs } from '../values';

export interface SystemUserArgs {
  /** Where the account lives. */
  host: Host;
  /** User name, e.g. "mfs". */
  user: string;
  /** Primary group (named like the user); created as a system group when missing. */
  group?: string;
  /** Home folder, not created ("/nonexistent"); give it a `Directory` if the daemon needs one. */
  home?: string;
  /** Login shell ("/usr/sbin/nologin"). */
  shell?: string;
}

/** Every problem with the arguments, each naming its argument. */
export function validateSystemUserArgs(args: Omit<SystemUserArgs, 'host'>): string[] {
  return [
    ...(/^[0-9]+$/.test(args.user) ? [`user: "${args.user}" must be a name, not a number`] : accountProblems('user', args.user)),
    ...(args.group !== undefined && /^[0-9]+$/.test(args.group)
      ? [`group: "${args.group}" must be a name, not a number`]
      : accountProblems('group', args.group)),
    ...(args.home === undefined ? [] : pathProblems('home', args.home)),
    ...(args.shell === undefined ? [] : pathProblems('shell', args.shell)),
  ];
}

/**
 * A system user and its group (`useradd --system`, `groupadd --system`). Destroy removes only what this
 * stack created, as recorded under /var/lib/hastack/<stack>/system-users; an account a package or an
 * admin made is never touched.
 */
export class SystemUser extends pulumi.ComponentResource {
  /** The user name, once the account exists. */
  public readonly user: pulumi.Output<string>;
  /** The group name, once the group exists. */
  public readonly group: pulumi.Output<string>;

  constructor(name: string, args: SystemUserArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('SystemUser', name, validateSystemUserArgs(args));
    super('hastack:host:SystemUser', name, {}, opts);
    const stateDir = stackStateDir();
    const spec = { user: args.user, group: args.group ?? args.user, home: args.home ?? '/nonexistent', shell: args.shell ?? '/usr/sbin/nologin' };
    const command = hostCommand(
      `${name}-account`,
      args.host,
      {
        create: bashScript(ensureSystemUserScript(stateDir, spec)),
        delete: bashScript(removeSystemUserScript(stateDir, spec)),
        triggers: [spec.user, spec.group],
      },
      // The record is per user name: the old account must be undone before a new one is checked.
      { parent: this, deleteBeforeReplace: true, dependsOn: hostReady(args.host) },
    );
    this.user = command.triggers.apply(() => spec.user);
    this.group = command.triggers.apply(() => spec.group);
    this.registerOutputs({ user: this.user, group: this.group });
  }
}
