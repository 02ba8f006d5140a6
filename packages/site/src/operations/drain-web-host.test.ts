import type { OpsShell } from '@hastack/host';
import { drainWebHost, undrainWebHost, DrainArgs } from './drain-web-host';

const table = (weight: number | undefined, active: number) =>
  [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
    'TCP  198.18.0.100:80 wrr',
    '  -> 198.18.0.21:80                Route   1      3          0',
    ...(weight === undefined ? [] : [`  -> 198.18.0.22:80                Route   ${weight}      ${active}          1`]),
  ].join('\n');

/** A director whose IPVS table answers from a list, one answer per look, the last one for ever after. */
function director(name: string, tables: string[]): OpsShell & { looks: number } {
  const shell = {
    name,
    looks: 0,
    async run() {
      return tables[Math.min(shell.looks++, tables.length - 1)];
    },
  };
  return shell;
}

function args(directors: OpsShell[]): DrainArgs & { webScripts: string[] } {
  const webScripts: string[] = [];
  return {
    web: { name: 'web2', run: async (script) => (webScripts.push(script), '') },
    realServer: { address: '198.18.0.22', port: 80 },
    drainFlag: '/var/lib/hastack/lab/web/drain',
    directors,
    timeoutMs: 5000,
    log: () => undefined,
    webScripts,
  };
}

describe('drainWebHost', () => {
  it('sets the flag, then waits until no director forwards to the host and its connections are done', async () => {
    const d1 = director('director1', [table(1, 4), table(1, 4), table(undefined, 0)]);
    const d2 = director('director2', [table(0, 2), table(0, 0)]);
    const drain = args([d1, d2]);
    await drainWebHost(drain);
    expect(drain.webScripts[0]).toContain('touch /var/lib/hastack/lab/web/drain');
    expect(d1.looks).toBeGreaterThanOrEqual(3);
    expect(d2.looks).toBeGreaterThanOrEqual(2);
  });

  it('names the host when a director keeps forwarding to it', async () => {
    await expect(drainWebHost({ ...args([director('director1', [table(1, 0)])]), timeoutMs: 1000 })).rejects.toThrow(
      'every director to take web2 (198.18.0.22:80) out of the pool',
    );
  });
});

describe('undrainWebHost', () => {
  it('removes the flag and waits until every director forwards to the host again', async () => {
    const d1 = director('director1', [table(undefined, 0), table(2, 0)]);
    const undrain = args([d1]);
    await undrainWebHost(undrain);
    expect(undrain.webScripts[0]).toContain('rm -f /var/lib/hastack/lab/web/drain');
    expect(d1.looks).toBe(2);
  });
});
