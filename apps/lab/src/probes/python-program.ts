import { labSshOrThrow, type LabSshTarget } from '@hastack/lab-machines';

/** A python3 program for a lab host (the stranger has python3 and nothing else to probe with). */
export interface PythonProgram {
  /** The whole program, its arguments included. */
  readonly source: string;
  /** How long it may run before ssh is killed. */
  readonly timeoutMs: number;
}

/** `script` with `args` decoded into `ARGS` before it. */
export function pythonProgram(script: string, args: unknown, timeoutMs: number): PythonProgram {
  // A JSON text is a valid Python string literal too (same escapes; Python 3 reads the rest as UTF-8).
  return { source: `import json\nARGS = json.loads(${JSON.stringify(JSON.stringify(args))})\n${script}`, timeoutMs };
}

/**
 * Runs the program on the host from stdin (`python3 -`), never on its command line, which `ps` shows and a
 * shell would have to quote; resolves to what it printed, throws on a non-zero exit.
 */
export function runPython(host: LabSshTarget, program: PythonProgram): Promise<string> {
  return labSshOrThrow(host, 'python3 -', { input: program.source, timeoutMs: program.timeoutMs });
}
