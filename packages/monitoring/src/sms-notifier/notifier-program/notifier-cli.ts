import type { Alert } from './notifier-config';

export const USAGE = [
  'usage: notify-sms --config FILE notify --type TYPE --host HOST [--service SERVICE] --state STATE [--output TEXT] [--last-ok EPOCH] [--state-seconds N]',
  '       notify-sms --config FILE test [TEXT]',
].join('\n');

/** What the command line asks for; `usage` carries what is wrong with it. */
export type NotifierCommand =
  { kind: 'notify'; configFile: string; alert: Alert } | { kind: 'test'; configFile: string; text?: string } | { kind: 'usage'; problem: string };

const OPTIONS = new Set(['config', 'type', 'host', 'service', 'state', 'output', 'last-ok', 'state-seconds']);
const NUMBERS = ['last-ok', 'state-seconds'];

/** Reads Nagios's argv: `--name value` pairs (a value may be empty or start with "-": output is free text) and the words between them. */
export function parseCommand(argv: readonly string[]): NotifierCommand {
  const options = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) {
      words.push(argv[i]);
      continue;
    }
    const name = argv[i].slice(2);
    if (!OPTIONS.has(name)) return { kind: 'usage', problem: `unknown option --${name}` };
    if (i + 1 >= argv.length) return { kind: 'usage', problem: `--${name} needs a value` };
    options.set(name, argv[++i]);
  }
  const configFile = options.get('config');
  if (!configFile) return { kind: 'usage', problem: '--config is needed' };
  const [command, ...rest] = words;
  if (command === 'test') {
    if (rest.length > 1) return { kind: 'usage', problem: 'test takes one text at most' };
    return { kind: 'test', configFile, text: rest[0] };
  }
  if (command !== 'notify') return { kind: 'usage', problem: command === undefined ? 'notify or test is needed' : `unknown command "${command}"` };
  if (rest.length) return { kind: 'usage', problem: `unexpected "${rest[0]}"` };
  const missing = ['type', 'host', 'state'].filter((name) => !options.get(name));
  if (missing.length) return { kind: 'usage', problem: `missing --${missing.join(', --')}` };
  const notNumbers = NUMBERS.filter((name) => options.has(name) && !/^\d+$/.test(options.get(name)!));
  if (notNumbers.length) return { kind: 'usage', problem: `--${notNumbers.join(', --')} must be a whole number` };
  const number = (name: string) => (options.has(name) ? Number(options.get(name)) : undefined);
  return {
    kind: 'notify',
    configFile,
    alert: {
      type: options.get('type')!,
      host: options.get('host')!,
      service: options.get('service') || undefined,
      state: options.get('state')!,
      output: options.get('output') ?? '',
      lastOk: number('last-ok'),
      stateSeconds: number('state-seconds'),
    },
  };
}
