import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabPaths } from '../paths';
import { processAlive, processArgs, terminate } from '../processes';

/** A small Node server of the lab's, run in the background on the bridge. */
export interface Daemon {
  readonly name: string;
  /** TypeScript entry point, run through tsx. */
  readonly entry: string;
  readonly args: readonly string[];
  readonly host: string;
  readonly port: number;
}

function pidFile(paths: LabPaths, daemon: Pick<Daemon, 'name'>): string {
  return path.join(paths.runDir, `${daemon.name}.pid`);
}

export function daemonPid(paths: LabPaths, daemon: Pick<Daemon, 'name' | 'entry'>): number | undefined {
  const file = pidFile(paths, daemon);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return processAlive(pid) && processArgs(pid)?.includes(daemon.entry) ? pid : undefined;
}

/** Starts the daemon unless it runs with the same arguments, and waits until it accepts connections. */
export async function ensureDaemon(paths: LabPaths, daemon: Daemon): Promise<void> {
  const running = daemonPid(paths, daemon);
  if (running !== undefined) {
    if (processArgs(running)?.slice(-daemon.args.length).join('\0') === daemon.args.join('\0')) {
      return;
    }
    // Started for another mirror or records file by an earlier lab:up.
    await terminate(running, 5_000);
  }
  fs.mkdirSync(paths.runDir, { recursive: true });
  fs.mkdirSync(paths.logsDir, { recursive: true });
  const log = fs.openSync(path.join(paths.logsDir, `${daemon.name}.log`), 'a');
  // `--import tsx` runs the TypeScript entry in this very process, so the pid file names the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', daemon.entry, ...daemon.args], {
    cwd: paths.repoRoot,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  fs.writeFileSync(pidFile(paths, daemon), `${child.pid}\n`);
  child.unref();
  const deadline = Date.now() + 15_000;
  while (!(await accepts(daemon.host, daemon.port))) {
    if (!processAlive(child.pid ?? -1) || Date.now() > deadline) {
      throw new Error(`${daemon.name} did not start listening on ${daemon.host}:${daemon.port}: see ${paths.logsDir}/${daemon.name}.log`);
    }
    await sleep(100);
  }
}

export async function stopDaemon(paths: LabPaths, daemon: Pick<Daemon, 'name' | 'entry'>): Promise<void> {
  const pid = daemonPid(paths, daemon);
  if (pid !== undefined) {
    await terminate(pid, 5_000);
  }
  fs.rmSync(pidFile(paths, daemon), { force: true });
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
