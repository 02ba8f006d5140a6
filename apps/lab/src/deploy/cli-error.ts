import * as auto from '@pulumi/pulumi/automation';

/**
 * What an operator reads when a command of the lab fails: for the Pulumi CLI, its own `error:` lines (a
 * stack another process holds locked, say; an update's diagnostics were streamed already); any other error
 * (inventory, reachability) is a complete sentence already, and a stack trace adds nothing to it.
 */
export function operatorMessage(error: Error): string {
  if (!(error instanceof auto.CommandError)) return error.message;
  const stderr = /\n stderr: ([\s\S]*?)\n err\?:/.exec(error.message)?.[1] ?? '';
  const lines = stderr.split('\n').slice(stderr.startsWith('Command failed') ? 1 : 0);
  return lines.join('\n').trim() || 'the update failed: see the diagnostics above';
}
