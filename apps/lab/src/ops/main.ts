// `npm run ops -- <command>`: the operators' day-two commands against the lab's hosts.
import { parseArgs } from 'node:util';
import { labInventoryPath, readInventory } from '@hastack/lab-machines';
import { LAB_STACK } from '../deploy/lab-stack';
import { DatabaseJob, describeDatabaseJob, runLabDatabaseJob } from './db-jobs';
import { promoteLabDb } from './db-promote';
import { recoverLabDfsMaster } from './dfs-recover-master';
import { drainLabWebHost, undrainLabWebHost } from './web-drain';

const USAGE = `usage:
  ops db:backup                      take a full backup now on the backup member, wait for it, print what it recorded
  ops db:restore-check               restore the newest backup into a scratch server now and compare it with its source
  ops db:promote HOST [--primary-is-dead]
                                     make a database replica the primary (--primary-is-dead: the primary does not answer)
  ops dfs:recover-master [--force]   rebuild the MooseFS master's metadata from the metalogger (--force: even if it runs)
  ops web:drain HOST                 take a web host out of the directors' pool once its connections finish
  ops web:undrain HOST               put it back`;

const log = (line: string) => console.log(`ops: ${line}`);

const databaseJob = (job: DatabaseJob) => async () => log(describeDatabaseJob(job, await runLabDatabaseJob(readInventory(), job, LAB_STACK, log)));

const commands: Record<string, (args: string[]) => Promise<void>> = {
  'db:backup': databaseJob('backup'),
  'db:restore-check': databaseJob('restore-check'),
  'db:promote': async (args) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'primary-is-dead': { type: 'boolean' } } });
    const inventoryPath = labInventoryPath();
    const options = { primaryIsDead: values['primary-is-dead'], inventoryPath, stack: LAB_STACK };
    const promotion = await promoteLabDb(readInventory(inventoryPath), positionals[0] ?? '', options, log);
    log(`${positionals[0]} took writes ${promotion.seconds.toFixed(1)} s after the start${promotion.fenced ? ' (the old primary fenced read-only)' : ''}`);
  },
  'dfs:recover-master': async (args) => {
    const { values } = parseArgs({ args, options: { force: { type: 'boolean' } } });
    const report = await recoverLabDfsMaster(readInventory(), { force: values.force }, log);
    log(`MooseFS master recovered in ${report.seconds.toFixed(1)} s; its previous files are in ${report.asideFolder}`);
  },
  'web:drain': async ([host]) => {
    const { seconds } = await drainLabWebHost(readInventory(), host ?? '', LAB_STACK, log);
    log(`${host} drained in ${seconds.toFixed(1)} s: no director forwards to it and it has no open connection`);
  },
  'web:undrain': async ([host]) => {
    const { seconds } = await undrainLabWebHost(readInventory(), host ?? '', LAB_STACK, log);
    log(`${host} back in the pool in ${seconds.toFixed(1)} s`);
  },
};

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = commands[name ?? ''];
  if (!command) {
    console.error(USAGE);
    process.exit(64);
  }
  await command(rest);
}

main().catch((error: Error) => {
  console.error(`ops: ${error.message}`);
  process.exit(1);
});
