/**
 * Environment variables and stdin reach a remote command through the channel's stdin, never through SSH
 * `env` requests (sshd accepts only the names its AcceptEnv lists) and never on a command line (any user
 * on the host can read command lines with `ps`).
 *
 * The exec request carries only this small script, which the user's login shell runs (as it would have
 * run the command itself). The script reads a request from stdin, exports the variables, then `eval`s
 * the command in that same shell, leaving the rest of stdin to it. The request:
 *
 *     <number of variables>\n
 *     for each variable: <NAME> <number of lines>\n<value lines, each ending in \n>
 *     <number of lines of the command>\n<command lines, each ending in \n>
 *     <the command's stdin, raw, up to EOF>
 *
 * A value of n lines is its text split on "\n" (so "a\n" is the two lines "a" and ""). The shell's
 * `read` takes one byte at a time from a pipe, so nothing past the request is consumed. Running in the
 * login shell rather than in a nested `sh -c` keeps shell start-up files (a slow ~/.bashrc) to one run
 * per command, as upstream. It needs a POSIX login shell (sh, bash, dash, zsh, ksh).
 */
export const BOOTSTRAP_COMMAND = [
  'hastack_fail() { echo "hastack: malformed command request on stdin" >&2; exit 125; }',
  'hastack_nl=$(printf "\\nx")',
  'hastack_nl=${hastack_nl%x}',
  'hastack_lines() { hastack_value=; hastack_left=$1; while [ "$hastack_left" -gt 0 ]; do IFS= read -r hastack_line || hastack_fail; if [ "$hastack_left" -eq "$1" ]; then hastack_value=$hastack_line; else hastack_value=$hastack_value$hastack_nl$hastack_line; fi; hastack_left=$((hastack_left - 1)); done; }',
  'IFS= read -r hastack_count || hastack_fail',
  'set --',
  'while [ "$hastack_count" -gt 0 ]; do IFS=" " read -r hastack_name hastack_n || hastack_fail; hastack_lines "$hastack_n"; set -- "$@" "$hastack_name=$hastack_value"; hastack_count=$((hastack_count - 1)); done',
  'IFS= read -r hastack_n || hastack_fail',
  'hastack_lines "$hastack_n"',
  // The assignments and the command now sit in the positional parameters: the script's own names can go
  // before the command's variables (which may reuse them) are exported.
  'set -- "$@" "$hastack_value"',
  'unset -f hastack_fail hastack_lines',
  'unset hastack_nl hastack_value hastack_left hastack_line hastack_count hastack_name hastack_n',
  'while [ $# -gt 1 ]; do export "$1"; shift; done',
  // `shift` first, so that the command starts without positional parameters, as under `sh -c`.
  'eval "shift; $1"',
].join('; ');

/** Names the bootstrap can export: POSIX shell variable names, but `_`, which shells set themselves. */
export const ENVIRONMENT_NAME = /^(?!_$)[A-Za-z_][A-Za-z0-9_]*$/;

function block(text: string): string {
  const lines = text.split('\n');
  return `${lines.length}\n${lines.join('\n')}\n`;
}

/** What to write on the bootstrap's stdin to run `command` with `environment` and `stdin`. */
export function bootstrapRequest(command: string, environment: Record<string, string>, stdin = ''): Buffer {
  const variables = Object.entries(environment);
  for (const [name] of variables) {
    if (!ENVIRONMENT_NAME.test(name)) throw new Error(`invalid environment variable name "${name}"`);
  }
  const header = `${variables.length}\n` + variables.map(([name, value]) => `${name} ${block(value)}`).join('') + block(command);
  return Buffer.from(header + stdin, 'utf8');
}
