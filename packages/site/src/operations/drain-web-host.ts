import { holdsVipTest, parseIpvsTable } from '@hastack/director';
import { bashScript, shellQuote, waitUntil, type OpsLog, type OpsShell } from '@hastack/host';

export interface DrainArgs {
  /** The web host to take out of the pool, or to put back. */
  web: OpsShell;
  /** The address the directors forward to (its data address) and the service port. */
  realServer: { address: string; port: number };
  /** The web tier's drain flag on that host (`drainFlagPath(stack)` of `@hastack/web`). */
  drainFlag: string;
  /** Both directors: each runs the health checks and holds its own IPVS table. */
  directors: OpsShell[];
  /** The VIP: the director holding it is the one whose connections must finish. */
  vip: string;
  /** How long the checks and the open connections get (120 s). */
  timeoutMs?: number;
  log: OpsLog;
}

/** The real server's entries in a director's IPVS table: one per virtual service that has it. */
async function entries(director: OpsShell, realServer: DrainArgs['realServer']) {
  const wanted = `${realServer.address}:${realServer.port}`;
  return parseIpvsTable(await director.run(bashScript(['ipvsadm -Ln']))).filter((entry) => entry.address === wanted);
}

/** Sets the real server's weight to 0 in every virtual service of a director that has it: no new connection goes there. */
function quiesceScript(entries: { service: string; address: string; forward: string }[]): string {
  const flag = (protocol: string) => (protocol === 'UDP' ? '-u' : '-t');
  const forward = (method: string) => (method === 'Masq' ? '-m' : method === 'Tunnel' ? '-i' : '-g');
  return bashScript(
    entries.map((entry) => {
      const [protocol, service] = entry.service.split(' ');
      return `ipvsadm -e ${flag(protocol)} ${shellQuote(service)} -r ${shellQuote(entry.address)} ${forward(entry.forward)} -w 0`;
    }),
  );
}

const holdsVip = (vip: string) => bashScript([`if ${holdsVipTest(vip)}; then echo yes; else echo no; fi`]);

/**
 * Takes a web host out of the directors' pool without failing a request. First its weight goes to 0 on
 * every director (quiesced: no new connection, the open ones go on) and the open connections on the
 * director holding the VIP are let finish; only then does its drain flag make its health URL answer 503,
 * so the health checks take it out for good (removing a server from IPVS drops its open connections).
 * The host stays drained (flag in place) until `undrainWebHost`.
 */
export async function drainWebHost(args: DrainArgs): Promise<{ seconds: number }> {
  const started = Date.now();
  const timeoutMs = args.timeoutMs ?? 120000;
  const name = `${args.web.name} (${args.realServer.address}:${args.realServer.port})`;
  for (const director of args.directors) {
    const present = await entries(director, args.realServer);
    if (present.length) await director.run(quiesceScript(present));
  }
  const holders: OpsShell[] = [];
  for (const director of args.directors) if ((await director.run(holdsVip(args.vip))).trim() === 'yes') holders.push(director);
  args.log(
    `${args.web.name}: weight 0 on ${args.directors.map((d) => d.name).join(', ')}; waiting for its open connections through ${holders.map((d) => d.name).join(', ') || 'no director (no VIP holder)'}`,
  );
  const idle = async () => {
    for (const director of holders) if ((await entries(director, args.realServer)).some((entry) => entry.activeConnections > 0)) return false;
    return true;
  };
  await waitUntil(`the connections to ${name} to finish`, idle, timeoutMs, 500);
  await args.web.run(bashScript([`install -d -m 0755 "$(dirname ${shellQuote(args.drainFlag)})"`, `touch ${shellQuote(args.drainFlag)}`]));
  args.log(`${args.web.name}: no open connection; drain flag set, waiting for the directors' health checks`);
  const outOfPool = async () => {
    for (const director of args.directors) if ((await entries(director, args.realServer)).length > 0) return false;
    return true;
  };
  await waitUntil(`every director to take ${name} out of the pool`, outOfPool, timeoutMs, 500);
  return { seconds: (Date.now() - started) / 1000 };
}

/** Puts a drained web host back: its flag goes, and this returns once every director forwards to it again. */
export async function undrainWebHost(args: DrainArgs): Promise<{ seconds: number }> {
  const started = Date.now();
  // The flag's folder goes too once empty, so that a destroy that follows leaves no folder of the stack behind.
  await args.web.run(
    bashScript([`rm -f ${shellQuote(args.drainFlag)}`, `rmdir -p --ignore-fail-on-non-empty "$(dirname ${shellQuote(args.drainFlag)})" 2>/dev/null || true`]),
  );
  args.log(`${args.web.name}: drain flag removed; waiting for the directors' health checks`);
  const inPool = async () => {
    for (const director of args.directors) if (!(await entries(director, args.realServer)).some((entry) => entry.weight > 0)) return false;
    return true;
  };
  await waitUntil(`every director to forward to ${args.web.name} again`, inPool, args.timeoutMs ?? 120000, 500);
  return { seconds: (Date.now() - started) / 1000 };
}
