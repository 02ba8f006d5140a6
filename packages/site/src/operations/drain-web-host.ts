import { parseIpvsTable } from '@hastack/director';
import { bashScript, shellQuote, type OpsLog, type OpsShell } from '@hastack/host';

export interface DrainArgs {
  /** The web host to take out of the pool, or to put back. */
  web: OpsShell;
  /** The address the directors forward to (its data address) and the service port. */
  realServer: { address: string; port: number };
  /** The web tier's drain flag on that host (`drainFlagPath(stack)` of `@hastack/web`). */
  drainFlag: string;
  /** Both directors: each runs the health checks and holds its own IPVS table. */
  directors: OpsShell[];
  /** How long the checks and the open connections get (120 s). */
  timeoutMs?: number;
  log: OpsLog;
}

/** The real server's entries in a director's IPVS table: one per virtual service that has it. */
async function entries(director: OpsShell, realServer: DrainArgs['realServer']) {
  const wanted = `${realServer.address}:${realServer.port}`;
  return parseIpvsTable(await director.run(bashScript(['ipvsadm -Ln']))).filter((entry) => entry.address === wanted);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Takes a web host out of the directors' pool without failing a request: its drain flag makes its health
 * URL answer 503, so every director's health check takes it out (no new connection goes to it), then the
 * connections it has finish. Returns once no director forwards to it and none has an open connection to it;
 * the host stays drained (flag in place) until `undrainWebHost`.
 */
export async function drainWebHost(args: DrainArgs): Promise<{ seconds: number }> {
  const started = Date.now();
  const timeoutMs = args.timeoutMs ?? 120000;
  const name = `${args.web.name} (${args.realServer.address}:${args.realServer.port})`;
  await args.web.run(bashScript([`install -d -m 0755 "$(dirname ${shellQuote(args.drainFlag)})"`, `touch ${shellQuote(args.drainFlag)}`]));
  args.log(`${args.web.name}: drain flag set; waiting for the directors' health checks`);
  const outOfPool = async () => {
    for (const director of args.directors) if ((await entries(director, args.realServer)).some((entry) => entry.weight > 0)) return false;
    return true;
  };
  await until(`every director to take ${name} out of the pool`, outOfPool, timeoutMs);
  args.log(`${args.web.name}: out of the pool on ${args.directors.map((d) => d.name).join(', ')}; waiting for its open connections`);
  const idle = async () => {
    for (const director of args.directors) if ((await entries(director, args.realServer)).some((entry) => entry.activeConnections > 0)) return false;
    return true;
  };
  await until(`the connections to ${name} to finish`, idle, timeoutMs);
  return { seconds: (Date.now() - started) / 1000 };
}

/** Puts a drained web host back: its flag goes, and this returns once every director forwards to it again. */
export async function undrainWebHost(args: DrainArgs): Promise<{ seconds: number }> {
  const started = Date.now();
  await args.web.run(bashScript([`rm -f ${shellQuote(args.drainFlag)}`]));
  args.log(`${args.web.name}: drain flag removed; waiting for the directors' health checks`);
  const inPool = async () => {
    for (const director of args.directors) if (!(await entries(director, args.realServer)).some((entry) => entry.weight > 0)) return false;
    return true;
  };
  await until(`every director to forward to ${args.web.name} again`, inPool, args.timeoutMs ?? 120000);
  return { seconds: (Date.now() - started) / 1000 };
}
