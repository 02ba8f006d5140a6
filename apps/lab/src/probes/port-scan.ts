import type { LabSshTarget } from '@hastack/lab-machines';
import { pythonProgram, PythonProgram, runPython } from './python-program';

export interface ScanTarget {
  readonly name: string;
  readonly address: string;
}

/** A connect not accepted by then counts as closed: what a firewall that drops rather than rejects gives. */
const ConnectTimeoutMs = 1000;

/**
 * Connects in flight at once: all of a site's scan (11 hosts x 30 ports), so that it takes about one timeout
 * however many ports drop, yet well below the 1024 files a login session may open.
 */
const ConcurrentConnects = 512;

const PortScanScript = `
import asyncio

async def accepts(limit, address, port):
    async with limit:
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(address, port), ARGS['timeout'])
        except (OSError, asyncio.TimeoutError):
            return False
        writer.close()
        return True

async def main():
    limit = asyncio.Semaphore(ARGS['concurrency'])
    probes = [(target, port) for target in ARGS['targets'] for port in ARGS['ports']]
    accepted = await asyncio.gather(*(accepts(limit, target['address'], port) for target, port in probes))
    open_ports = {target['name']: [] for target in ARGS['targets']}
    for (target, port), ok in zip(probes, accepted):
        if ok:
            open_ports[target['name']].append(port)
    print(json.dumps(open_ports))

asyncio.run(main())
`;

/** The scan as a program, for `portScan` and for its test, which runs it on this machine. */
export function portScanProgram(targets: readonly ScanTarget[], ports: readonly number[]): PythonProgram {
  const names = targets.map((target) => target.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new Error(`portScan: target ${twice} is given twice`);
  const rounds = Math.ceil((targets.length * ports.length) / ConcurrentConnects);
  return pythonProgram(
    PortScanScript,
    { targets, ports, timeout: ConnectTimeoutMs / 1000, concurrency: ConcurrentConnects },
    rounds * ConnectTimeoutMs + 20_000,
  );
}

/** What `portScanProgram` printed: the open ports of every target, ascending, in the targets' order. */
export function parsePortScan(stdout: string, targets: readonly ScanTarget[]): Map<string, number[]> {
  const open = JSON.parse(stdout) as Record<string, number[]>;
  return new Map(targets.map((target) => [target.name, [...open[target.name]].sort((a, b) => a - b)]));
}

/**
 * The TCP ports of each target that accept a connection from `from` (the stranger: what anyone on the site's
 * segment reaches), found by connecting to every port of every target at once, each given 1 s.
 */
export async function portScan(from: LabSshTarget, targets: readonly ScanTarget[], ports: readonly number[]): Promise<Map<string, number[]>> {
  return parsePortScan(await runPython(from, portScanProgram(targets, ports)), targets);
}
