import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Alert, NotifierConfig } from './notifier-config';
import { notify, sendTest } from './notifier';

const USAGE = [
  'usage: notify-sms --config FILE notify --type TYPE --host HOST [--service SERVICE] --state STATE --output TEXT',
  '       notify-sms --config FILE test [TEXT]',
].join('\n');

/** `--name value` pairs and the words between them. */
function parseArgs(argv: string[]): { options: Map<string, string>; words: string[] } {
  const options = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) options.set(argv[i].slice(2), argv[++i] ?? '');
    else words.push(argv[i]);
  }
  return { options, words };
}

async function main(argv: string[]): Promise<number> {
  const { options, words } = parseArgs(argv);
  const configFile = options.get('config');
  if (!configFile || words.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as NotifierConfig;
  if (words[0] === 'test') return (await sendTest(config, words[1] ?? `hastack test SMS from ${os.hostname()} at ${new Date().toISOString()}`)) ? 0 : 1;
  if (words[0] !== 'notify') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const required = ['type', 'host', 'state'].filter((name) => !options.get(name));
  if (required.length) {
    process.stderr.write(`missing --${required.join(', --')}\n${USAGE}\n`);
    return 2;
  }
  const alert: Alert = { type: options.get('type')!, host: options.get('host')!, service: options.get('service') || undefined, state: options.get('state')!, output: options.get('output') ?? '' };
  return (await notify(config, alert)) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  // One line, no stack: Nagios logs what a notification command prints.
  (error: Error) => {
    process.stderr.write(`notify-sms: ${error.message}\n`);
    process.exit(1);
  },
);
