// How much sharing one SSH connection per host saves: 100 small remote commands on one host (the
// loopback sshd of the provider's tests), each run through the command provider's own code, once over
// one shared connection (this project's provider) and once with a new connection per command (as
// upstream's provider does), one at a time and 8 at a time, all in this one run.
//   tsx tools/bench/provider-connection-reuse.ts
import type { CommandRun } from '../provider-command/src/command-run';
import { silentLog } from '../provider-command/src/engine-log';
import { ConnectionPool } from '../provider-command/src/ssh/connection-pool';
import { ConnectionSpec, connectionSpec } from '../provider-command/src/ssh/connection-spec';
import { dial } from '../provider-command/src/ssh/dial';
import { execRemote } from '../provider-command/src/ssh/remote-exec';
import { startLoopbackSshd } from '../provider-command/src/testing/loopback-sshd';

const COMMANDS = 100;
const run: CommandRun = {
  urn: 'urn:pulumi:bench::bench::command:remote:Command::step',
  command: 'echo ok',
  environment: { BENCH: 'value' },
  logging: 'none',
  sensitive: [],
};

type Strategy = (spec: ConnectionSpec) => { runOne: () => Promise<unknown>; close: () => void };

const sharedConnection: Strategy = (spec) => {
  const pool = new ConnectionPool(dial);
  return {
    runOne: () => pool.withConnection(spec, (client) => execRemote(client, run, silentLog)),
    close: () => pool.closeAll(),
  };
};

const connectionPerCommand: Strategy = (spec) => ({
  runOne: async () => {
    const client = await dial(spec, () => undefined);
    try {
      return await execRemote(client, run, silentLog);
    } finally {
      client.end();
    }
  },
  close: () => undefined,
});

async function timeCommands(strategy: Strategy, spec: ConnectionSpec, atOnce: number): Promise<number> {
  const { runOne, close } = strategy(spec);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      while (next++ < COMMANDS) await runOne();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  close();
  return seconds;
}

async function main(): Promise<void> {
  const sshd = await startLoopbackSshd();
  try {
    const spec = connectionSpec({ host: sshd.host, port: sshd.port, user: sshd.user, privateKey: sshd.privateKey });
    const rows: [string, Strategy][] = [
      ['one shared connection (this provider)', sharedConnection],
      ['a connection per command (upstream)', connectionPerCommand],
    ];
    console.log(`provider-connection-reuse: ${COMMANDS} remote \`${run.command}\` commands on one host (loopback sshd)`);
    console.log(`${''.padEnd(40)}${'one at a time'.padStart(15)}${'8 at a time'.padStart(15)}`);
    for (const [label, strategy] of rows) {
      const sequential = await timeCommands(strategy, spec, 1);
      const parallel = await timeCommands(strategy, spec, 8);
      console.log(`${label.padEnd(40)}${`${sequential.toFixed(2)} s`.padStart(15)}${`${parallel.toFixed(2)} s`.padStart(15)}`);
    }
  } finally {
    await sshd.stop();
  }
}

void main();
