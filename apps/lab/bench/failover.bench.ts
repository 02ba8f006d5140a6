// Failure-handling figures of the deployed lab, side by side in one run: VIP takeover after a hard
// MASTER failure with sub-second VRRP adverts and with keepalived's default 1 s, and the time a dead
// real server takes to leave the pool. Needs the lab up; leaves the stack deployed as `npm run lab` does.
import { selectLabStack } from '../src/deploy/lab-stack';
import { currentVipHolder, hostsWithRole, KILL_KEEPALIVED_HARD, timeUntilBackupServes, waitForPoolMembership, waitForVipHolder } from '../src/probes/failover';
import { labSshOrThrow as sh, readInventory } from '@hastack/lab-machines';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const inventory = readInventory();
const [director1, director2] = hostsWithRole(inventory, 'director');
const [, web2] = hostsWithRole(inventory, 'web');

async function deployWithAdvert(seconds: number): Promise<void> {
  await (await selectLabStack(inventory, { advertIntervalSeconds: seconds })).up();
  await waitForVipHolder(inventory, director1, 30000);
}

async function takeoverMs(): Promise<number> {
  const ms = await timeUntilBackupServes(inventory, director1, director2, () => sh(director1, KILL_KEEPALIVED_HARD));
  await sh(director1, 'systemctl start keepalived');
  await waitForVipHolder(inventory, director1, 30000);
  return ms;
}

async function poolExitMs(): Promise<number> {
  const holder = (await currentVipHolder(inventory))!;
  const started = Date.now();
  await sh(web2, 'systemctl stop apache2');
  await waitForPoolMembership(holder, web2, false, 30000, 50);
  const ms = Date.now() - started;
  await sh(web2, 'systemctl start apache2');
  await waitForPoolMembership(holder, web2, true, 30000);
  return ms;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]} ms  (min ${sorted[0]}, max ${sorted[sorted.length - 1]}, n=${sorted.length})`;
}

async function main(): Promise<void> {
  const rows: [string, string][] = [];
  for (const advert of [0.2, 1]) {
    await deployWithAdvert(advert);
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) samples.push(await takeoverMs());
    rows.push([`VIP takeover, SIGKILL of MASTER keepalived, advert_int ${advert} s`, summary(samples)]);
  }
  await deployWithAdvert(0.2);
  const exits: number[] = [];
  for (let i = 0; i < ROUNDS; i++) exits.push(await poolExitMs());
  rows.push(['dead real server out of the pool (check 1 s, 1 retry after 0.5 s)', summary(exits)]);
  console.log('\nbenchmark: failure handling in the lab');
  for (const [what, figure] of rows) console.log(`  ${what.padEnd(66)} ${figure}`);
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
