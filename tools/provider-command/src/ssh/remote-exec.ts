import type { Client } from 'ssh2';
import { CommandResult, CommandRun, captureOutput, commandFailure } from '../command-run';
import type { ResourceLog } from '../engine-log';
import { execChannel } from './channels';
import { BOOTSTRAP_COMMAND, bootstrapRequest } from './exec-bootstrap';

// As for local commands: a background process that keeps the session's output open must not hang the
// step once the command itself has exited.
const OUTPUT_GRACE_MS = 2000;

/** Runs one command over an established connection, its environment and stdin sent on the channel's stdin. */
export async function execRemote(client: Client, run: CommandRun, log: ResourceLog): Promise<CommandResult> {
  const request = bootstrapRequest(run.command, run.environment, run.stdin);
  const channel = await execChannel(client, BOOTSTRAP_COMMAND);
  return new Promise((resolve, reject) => {
    const output = captureOutput(run, log);
    let exit: { cause?: string } | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    channel.on('data', (chunk: Buffer) => output.stdout.write(chunk));
    channel.stderr.on('data', (chunk: Buffer) => output.stderr.write(chunk));
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = { cause: signal ? `killed by signal ${signal}` : code !== 0 ? `exit status ${code}` : undefined };
      graceTimer = setTimeout(() => channel.close(), OUTPUT_GRACE_MS);
    });
    channel.on('close', () => {
      clearTimeout(graceTimer);
      const result = { stdout: output.stdout.text(), stderr: output.stderr.text() };
      const cause = exit ? exit.cause : 'the connection was lost before the command finished';
      if (cause) reject(commandFailure(cause, run, result));
      else resolve(result);
    });
    channel.end(request);
  });
}
