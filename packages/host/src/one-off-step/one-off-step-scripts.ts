import { shellQuote } from '../shell';

/** The parts of a one-off step its scripts are rendered from. */
export interface StepScripts {
  /** Name shown in messages. */
  name: string;
  /** bash lines; exit 0 means the step is already done. */
  check: string;
  /** bash lines that do the step; they may be run again after a failure half-way, so write them re-runnable. */
  run: string;
  /** Whether the step receives input on stdin, handed to its scripts as the file "$STEP_INPUT". */
  hasInput: boolean;
  /** The file the step's scripts lock on the host, one run at a time. */
  lock: string;
}

// tmpfs under systemd: an input left behind by a killed run never reaches a disk and is gone at reboot.
const INPUT_DIR = '/run';

/** A user's lines as one `bash -c` argument, under the same strict mode as every script here. */
function strict(lines: string): string {
  return shellQuote(['set -euo pipefail', lines].join('\n'));
}

/**
 * The input, if any, read from stdin into a 0600 file that only the step's scripts are told about, and
 * removed however the script ends. The secret is never in a command line or the environment, only
 * the file's name is.
 */
function inputLines(hasInput: boolean, inputDir: string): string[] {
  return [
    `STEP_INPUT="$(mktemp ${shellQuote(`${inputDir}/hastack-step.XXXXXX`)})"`,
    'trap \'rm -f "$STEP_INPUT"\' EXIT',
    'export STEP_INPUT',
    ...(hasInput ? ['cat > "$STEP_INPUT"'] : []),
  ];
}

/**
 * Runs `lines` with its output held back and shown, on stderr, only when it fails: a successful run
 * leaves nothing in the state that could quote its input.
 */
function quietly(lines: string, failure: string): string[] {
  return [
    `if ! output="$(bash -c ${strict(lines)} </dev/null 2>&1 9>&-)"; then`,
    `  printf '%s\\n%s\\n' ${shellQuote(failure)} "$output" >&2`,
    '  exit 1',
    'fi',
  ];
}

/**
 * One run of the step at a time on the host: a run left going by a killed deployment (its SSH session gone,
 * the remote script not) finishes before the retry checks again, instead of running beside it. The check
 * and the run get no copy of the lock (`9>&-`): a daemon a run starts must not hold it.
 */
function lockLines(step: Pick<StepScripts, 'name' | 'lock'>): string[] {
  return [
    `install -d -m 0755 "$(dirname ${shellQuote(step.lock)})"`,
    `exec 9>${shellQuote(step.lock)}`,
    `flock -w 3600 9 || { echo ${shellQuote(`step ${step.name}: another run of it on this host held its lock for an hour`)} >&2; exit 1; }`,
  ];
}

/**
 * Check, run if not done, check again. Prints "already done" or "ran". Re-running after a failure
 * anywhere converges: the check decides again whether the run is still needed.
 */
export function runStepScript(step: StepScripts, inputDir = INPUT_DIR): string[] {
  return [
    ...lockLines(step),
    ...inputLines(step.hasInput, inputDir),
    `if bash -c ${strict(step.check)} </dev/null >/dev/null 2>&1 9>&-; then echo 'already done'; exit 0; fi`,
    ...quietly(step.run, `step ${step.name} failed:`),
    ...quietly(step.check, `step ${step.name} ran, but its check still says it is not done:`),
    'echo ran',
  ];
}

/** Undoes the step on destroy, if it has an undo, with the same input file as the run had; then removes its lock. */
export function undoStepScript(step: Pick<StepScripts, 'name' | 'hasInput' | 'lock'>, undo: string | undefined, inputDir = INPUT_DIR): string[] {
  return [
    ...lockLines(step),
    ...(undo === undefined ? [] : [...inputLines(step.hasInput, inputDir), ...quietly(undo, `undoing step ${step.name} failed:`)]),
    `rm -f ${shellQuote(step.lock)}`,
    `rmdir --ignore-fail-on-non-empty "$(dirname ${shellQuote(step.lock)})"`,
  ];
}
