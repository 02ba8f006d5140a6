import type { Logging } from './command-inputs';
import type { ResourceLog } from './engine-log';
import { OutputCapture } from './output-capture';
import { redactor } from './redact';

/** One execution of a command's `create`, `update` or `delete` text. */
export interface CommandRun {
  urn: string;
  command: string;
  environment: Record<string, string>;
  stdin?: string;
  logging: Logging;
  /** Values that must never show in a log line or an error message (environment, stdin, secrets). */
  sensitive: readonly string[];
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a command where the resource says (locally, or on its SSH host). */
export type CommandRunner = (run: CommandRun) => Promise<CommandResult>;

/** The two output streams of a run, logged live as the `logging` input asks. */
export function captureOutput(run: CommandRun, log: ResourceLog): { stdout: OutputCapture; stderr: OutputCapture } {
  const redact = redactor(run.sensitive);
  const logLine = (line: string) => log.status(run.urn, redact(line));
  const logs = (stream: 'stdout' | 'stderr') => run.logging === stream || run.logging === 'stdoutAndStderr';
  return {
    stdout: new OutputCapture(logs('stdout') ? logLine : undefined),
    stderr: new OutputCapture(logs('stderr') ? logLine : undefined),
  };
}

// The end of the output is where the reason for a failure usually is; the whole of a long build log
// would drown it.
const MAX_ERROR_OUTPUT = 8 * 1024;

/**
 * The error a failed run fails its step with: the cause (`exit status 3`), the command, then its stderr
 * (its stdout when stderr is empty), with the run's sensitive values masked.
 */
export function commandFailure(cause: string, run: CommandRun, output: CommandResult): Error {
  const shown = output.stderr || output.stdout;
  const tail = shown.length > MAX_ERROR_OUTPUT ? `...${shown.slice(-MAX_ERROR_OUTPUT)}` : shown;
  return new Error(redactor(run.sensitive)(`${cause}: running "${run.command}"${tail ? `:\n${tail}` : ''}`));
}
