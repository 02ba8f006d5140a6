import * as pulumi from '@pulumi/pulumi';
import { Host, hostCommand } from '../connection';
import { hostReady } from '../host-facts/host-facts';
import { onHostName, stackScopedName } from '../config-file/host-names';
import { bashScript } from '../shell';
import { runStepScript, undoStepScript } from './one-off-step-scripts';
import { assertValidArgs } from '../values';

export interface OneOffStepArgs {
  /** Where the step runs. */
  host: Host;
  /** bash lines (strict mode) that exit 0 when the step is already done, e.g. `mysql -e "SHOW GRANTS FOR repl"`. */
  check: string;
  /**
   * bash lines (strict mode) that do the step. They run only when `check` fails, and again after a
   * deploy that failed half-way, so write them to be re-runnable (`CREATE USER IF NOT EXISTS`).
   */
  run: string;
  /** Input for `check`, `run` and `undo` (often a secret), readable by them as the 0600 file "$STEP_INPUT". */
  stdin?: pulumi.Input<string>;
  /** Values whose change makes the step decide again (undo first, if any; then check, run, check). */
  triggers?: pulumi.Input<string>[];
  /** bash lines run on destroy, and before a re-run forced by `triggers`. */
  undo?: string;
}

/** Every problem with the arguments, each naming its argument. */
export function validateOneOffStepArgs(args: Pick<OneOffStepArgs, 'check' | 'run' | 'undo'>): string[] {
  const problems: string[] = [];
  if (args.check.trim() === '') problems.push('check: a step needs a check that says whether it is done');
  if (args.run.trim() === '') problems.push('run: a step needs something to run');
  if (args.undo !== undefined && args.undo.trim() === '') problems.push('undo: leave it out rather than empty');
  return problems;
}

/**
 * Something done once on a host (create a database user, initialise metadata), guarded by a check:
 * it runs only when the check says it is not done, and fails unless the check passes afterwards.
 * Its input travels on stdin to a temporary 0600 file, never in a command line, the environment or
 * the state; what the run prints is shown only when it fails.
 */
export class OneOffStep extends pulumi.ComponentResource {
  constructor(name: string, args: OneOffStepArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs('OneOffStep', name, validateOneOffStepArgs(args));
    super('hastack:host:OneOffStep', name, {}, opts);
    const lock = `/run/lock/hastack/${stackScopedName(onHostName(name, args.host))}.lock`;
    const step = { name, check: args.check, run: args.run, hasInput: args.stdin !== undefined, lock };
    hostCommand(
      `${name}-step`,
      args.host,
      {
        // Any change of the scripts or the input runs the check again, and the run only if it fails.
        create: bashScript(runStepScript(step)),
        delete: bashScript(undoStepScript(step, args.undo)),
        stdin: args.stdin,
        triggers: args.triggers,
      },
      // On a trigger change the old step is undone before the new one is checked, or the undo would
      // follow, and revert, the new run.
      { parent: this, deleteBeforeReplace: true, dependsOn: hostReady(args.host) },
    );
    this.registerOutputs({});
  }
}
