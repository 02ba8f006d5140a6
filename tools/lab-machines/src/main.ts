// The lab's command line: `npm run lab:<command>` runs `main.ts <command> ...` (tools/scripts/run.sh).
import { parseArgs } from 'node:util';
import { down } from './commands/down';
import { rebuild } from './commands/rebuild';
import { ssh } from './commands/ssh';
import { status } from './commands/status';
import { up } from './commands/up';
import { labPaths } from './paths';

const usage = `usage:
  lab up [--topology FILE]   bring the lab up (default topology: tools/lab-machines/topology.json)
  lab down                   stop it and remove everything it made outside .lab/
  lab rebuild HOST...        throw the hosts' disks away and boot them afresh (new host keys), as a replaced machine
  lab status                 show what runs
  lab ssh HOST [COMMAND...]  log in to a lab host, or run a command there`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up': {
      const { values } = parseArgs({ args: [...rest], options: { topology: { type: 'string' } } });
      await up(values.topology ?? labPaths().defaultTopology);
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'rebuild': {
      const { values, positionals } = parseArgs({ args: [...rest], options: { topology: { type: 'string' } }, allowPositionals: true });
      if (positionals.length === 0) break;
      await rebuild(positionals, values.topology ?? labPaths().defaultTopology);
      return 0;
    }
    case 'status':
      await status();
      return 0;
    case 'ssh':
      if (rest.length === 0) {
        break;
      }
      return ssh(rest[0], rest.slice(1));
  }
  console.error(usage);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
