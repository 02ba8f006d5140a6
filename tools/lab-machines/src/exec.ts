import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

export interface RunOptions {
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Return a non-zero exit instead of throwing. */
  readonly allowFailure?: boolean;
  /** Also append everything the command prints to this file, for long steps worth reading afterwards. */
  readonly logFile?: string;
  readonly timeoutMs?: number;
}

class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    const tail = `${result.stderr}${result.stdout}`.trim().split('\n').slice(-15).join('\n');
    super(`command failed (exit ${result.code}): ${command}${tail ? `\n${tail}` : ''}`);
  }
}

function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Runs a command to completion, collecting its output; throws CommandError on a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    log?.write(`$ ${commandLine(command, args)}\n`);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      log?.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      log?.write(chunk);
    });
    child.on('error', (error) => {
      log?.end();
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      log?.end();
      const result = { stdout, stderr, code: code ?? (signal ? 128 : 1) };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new CommandError(commandLine(command, args), result));
      } else {
        resolve(result);
      }
    });
    if (options.input !== undefined) {
      // A command that exits without reading its input closes the pipe (EPIPE); its exit code says what happened.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
  });
}
