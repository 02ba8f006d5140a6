import * as fs from 'node:fs';
import * as os from 'node:os';
import { configProblems, type NotifierConfig } from './notifier-config';
import { parseCommand, USAGE } from './notifier-cli';
import { notify, sendTest } from './notifier';

/** The settings file, checked; an error never quotes it (JSON.parse's message would show a piece of a credential). */
function readConfig(file: string): NotifierConfig {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error((error as NodeJS.ErrnoException).code ? (error as Error).message : `${file} is not valid JSON`);
  }
  const problems = configProblems(config);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return config as NotifierConfig;
}

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === 'usage') {
    process.stderr.write(`notify-sms: ${command.problem}\n${USAGE}\n`);
    return 2;
  }
  const config = readConfig(command.configFile);
  if (command.kind === 'test') return (await sendTest(config, command.text ?? `hastack test SMS from ${os.hostname()} at ${new Date().toISOString()}`)) ? 0 : 1;
  return (await notify(config, command.alert)) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  // One line, no stack: Nagios logs what a notification command prints.
  (error: Error) => {
    process.stderr.write(`notify-sms: ${error.message}\n`);
    process.exit(1);
  },
);
