/** Where a host's tier checks live, one executable per command, so NRPE runs a path and never parses a shell line. */
export const NRPE_SCRIPT_DIR = '/usr/local/lib/hastack-nrpe';

/** A tier command as its own script: what an operator can run by hand to see what Nagios sees. */
export function renderCheckScript(command: string): string {
  return ['#!/bin/bash', '# Managed by hastack (monitoring NrpeAgent); edits are overwritten.', command].join('\n') + '\n';
}
