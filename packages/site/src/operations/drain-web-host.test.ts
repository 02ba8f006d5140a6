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

/**
 * A director: its IPVS table answers from a list, one answer per look (the last for ever after); it holds
 * the VIP or not; it records the weight changes it is asked for.
 */
function director(name: string, tables: string[], holdsVip: boolean) {
  const shell = {
    name,
    looks: 0,
    edits: [] as string[],
    async run(script: string) {
      if (script.includes('ip -o -4 addr')) return holdsVip ? 'yes\n' : 'no\n';
      if (script.includes('ipvsadm -e')) return (shell.edits.push(script), '');
      return tables[Math.min(shell.looks++, tables.length - 1)];
    },
  };
  return shell;
}

function args(directors: OpsShell[], order: string[] = []): DrainArgs & { webScripts: string[] } {
  const webScripts: string[] = [];
  return {
    web: { name: 'web2', run: async (script) => (webScripts.push(script), order.push('flag'), '') },
    realServer: { address: '198.18.0.22', port: 80 },
    drainFlag: '/var/lib/hastack/lab/web/drain',
    directors,
    vip: '198.18.0.100',
    timeoutMs: 5000,
    log: () => undefined,
    webScripts,
  };
}

describe('drainWebHost', () => {
  it('quiesces the host on every director, lets the VIP holder finish its connections, then sets the flag until it is out', async () => {
    // director1 holds the VIP: 4 open connections, then 2, then none, then the checks remove the host.
    const d1 = director('director1', [table(1, 4), table(0, 4), table(0, 2), table(0, 0), table(0, 0), table(undefined, 0)], true);
    // The backup's counters are not waited on.
    const d2 = director('director2', [table(1, 9), table(0, 9), table(undefined, 0)], false);
    const drain = args([d1, d2]);
    await drainWebHost(drain);
    expect(d1.edits[0]).toContain('ipvsadm -e -t 198.18.0.100\\:80 -r 198.18.0.22\\:80 -g -w 0');
    expect(d2.edits).toHaveLength(1);
    expect(drain.webScripts[0]).toContain('touch /var/lib/hastack/lab/web/drain');
    expect(d1.looks).toBeGreaterThanOrEqual(5);
  });

  it('names the host when its connections do not finish', async () => {
    await expect(drainWebHost({ ...args([director('director1', [table(0, 3)], true)]), timeoutMs: 1000 })).rejects.toThrow(
      'the connections to web2 (198.18.0.22:80) to finish',
    );
  });
});

describe('undrainWebHost', () => {
  it('removes the flag and waits until every director forwards to the host again', async () => {
    const d1 = director('director1', [table(undefined, 0), table(2, 0)], true);
    const undrain = args([d1]);
    await undrainWebHost(undrain);
    expect(undrain.webScripts[0]).toContain('rm -f /var/lib/hastack/lab/web/drain');
    expect(d1.looks).toBe(2);
  });
});
