/**
 * A shell on one host for day-two operations (promote, recover, drain): the procedures in the tier
 * libraries run their scripts through it, so any stack can give them its own way to reach its hosts
 * (the lab's SSH keys, a bastion, an Automation API program). A failed script rejects with the host's
 * name and the script's output.
 */
export interface OpsShell {
  readonly name: string;
  /** Runs a bash script (`set -euo pipefail` is the caller's); `input` goes to its stdin, never to its argv. */
  run(script: string, input?: string): Promise<string>;
}

/** A line of progress for the operator. */
export type OpsLog = (line: string) => void;
