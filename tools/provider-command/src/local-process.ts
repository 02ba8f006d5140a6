import { spawn } from 'node:child_process';
import { CommandRunner, captureOutput, commandFailure } from './command-run';
import type { ResourceLog } from './engine-log';

export interface LocalSettings {
  /** Working directory; the provider's (the program's directory) when absent. */
  dir?: string;
  /** Program and leading arguments the command text is appended to, e.g. `["/bin/sh", "-c"]`. */
  interpreter: readonly string[];
}

// Upstream waits for the output streams to close, so a background child that inherited them (a daemon
// started with `&`) hangs the step forever. Here the command is done when its process exits; the
// streams get this long to deliver what is still in flight.
const OUTPUT_GRACE_MS = 2000;

/** Runs commands as child processes of the provider, with the provider's environment plus the command's. */
export function localRunner(settings: LocalSettings, log: ResourceLog): CommandRunner {
  return (run) =>
    new Promise((resolve, reject) => {
      const [program, ...leadingArgs] = settings.interpreter;
      const child = spawn(program, [...leadingArgs, run.command], {
        cwd: settings.dir,
        env: { ...process.env, ...run.environment },
        // Without stdin the command reads an immediate end of file, as it would from the null device.
        stdio: 'pipe',
      });
      const output = captureOutput(run, log);
      child.stdout.on('data', (chunk: Buffer) => output.stdout.write(chunk));
      child.stderr.on('data', (chunk: Buffer) => output.stderr.write(chunk));
      // A command that exits without reading all of its stdin is not an error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(run.stdin ?? '');

      let settled = false;
      const finish = (cause: string | undefined) => {
        if (settled) return;
        settled = true;
        const result = { stdout: output.stdout.text(), stderr: output.stderr.text() };
        if (cause) reject(commandFailure(cause, run, result));
        else resolve(result);
      };
      child.on('error', (error) => finish(`could not start ${program}: ${error.message}`));
      child.on('exit', (code, signal) => {
        const cause = signal ? `killed by signal ${signal}` : code !== 0 ? `exit status ${code}` : undefined;
        const timer = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(cause);
        }, OUTPUT_GRACE_MS);
        child.on('close', () => {
          clearTimeout(timer);
          finish(cause);
        });
      });
    });
}
