import { quote } from 'shell-quote';

/** Quotes one value for a POSIX shell, so that no value can change a command's meaning. */
export function shellQuote(value: string | number): string {
  return quote([String(value)]);
}

/**
 * Wraps script lines into one command for a remote login shell. bash is named explicitly because the
 * login shell may be dash, which lacks `pipefail`, and every script here must stop at its first failure.
 */
export function bashScript(lines: readonly string[]): string {
  return `bash -c ${shellQuote(['set -euo pipefail', ...lines].join('\n'))}`;
}
