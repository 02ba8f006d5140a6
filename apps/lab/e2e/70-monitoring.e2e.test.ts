import { connect } from 'node:net';
import type { InventoryHost } from '@hastack/inventory';
import { readSmsRecords } from '@hastack/lab-machines';
import { TierRoles } from '@hastack/site';
import { hostsWithRole } from '../src/probes/failover';
import { e2eStack, inventory, labStackHistory, sh, throughFirewallHole } from './support';

// A dev stack of some tiers watches only their hosts; the lab stack deploys them all.
const deployedRoles = e2eStack.tiers ? e2eStack.tiers.flatMap((tier) => TierRoles[tier]) : undefined;
const watched = inventory.hosts.filter((host) => !deployedRoles || host.roles.some((role) => deployedRoles.includes(role)));
const [monitoring] = hostsWithRole(inventory, 'monitoring');

/** What a peer gets from NRPE: the bytes it answers before it closes the connection. */
function nrpeAnswer(address: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port: 5666 });
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer and no close from ${address}:5666 in 5 s`)));
    socket.on('connect', () => socket.write(Buffer.alloc(1036)));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks)) : reject(error)));
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('the monitoring tier: NRPE on every host', () => {
  it.each(watched.map((host) => [host.name, host] as [string, InventoryHost]))(
    'runs on %s, listening on the host address only and answering the monitoring host only',
    async (_name, host) => {
      const out = await sh(
        host,
        "systemctl is-active nagios-nrpe-server; ss -Hltn 'sport = :5666' | awk '{print $4}'; grep -E '^(allowed_hosts|dont_blame_nrpe)=' /etc/nagios/nrpe.d/hastack.cfg",
      );
      expect(out.trim().split('\n')).toEqual(['active', `${host.address}:5666`, `allowed_hosts=${monitoring.address}`, 'dont_blame_nrpe=0']);
    },
  );

  it('refuses a peer that is not the monitoring host, saying so in its log', async () => {
    const [host] = watched;
    const since = (await sh(host, 'date +%s')).trim();
    // The test machine (the bridge's .1) is not the monitoring host: the firewall drops its connection, and
    // behind a hole made for it NRPE refuses it too.
    await expect(nrpeAnswer(host.address)).rejects.toThrow(/no answer and no close/);
    const answer = await throughFirewallHole(host, inventory.network.gateway, 5666, () => nrpeAnswer(host.address));
    expect(answer.length).toBe(0);
    const log = await sh(host, `journalctl --no-pager -o cat --since @${since} -t nrpe`);
    expect(log).toMatch(/Host \S+ is not allowed to talk to us!/);
  });
});

(e2eStack.tiers && !e2eStack.tiers.includes('monitoring') ? describe.skip : describe)('the monitoring tier while a deployment builds the site', () => {
  it('pages no one: Nagios checks hosts and services before their daemons exist, and holds back what was never OK', async () => {
    // The deployment that built the site: of the stack's updates, the one that created the most.
    const updates = (await labStackHistory()).filter((entry) => entry.kind === 'update');
    const built = updates.reduce((best, entry) => ((entry.resourceChanges?.create ?? 0) > (best.resourceChanges?.create ?? 0) ? entry : best));
    const [from, to] = [new Date(built.startTime).getTime(), new Date(built.endTime!).getTime()];
    const paged = readSmsRecords(inventory).filter(
      (record) => record.kind === 'sms' && Date.parse(record.receivedAt) >= from && Date.parse(record.receivedAt) <= to,
    );
    console.log(
      `the deployment that built the site (${built.resourceChanges?.create} created) ran ${((to - from) / 1000).toFixed(0)} s; SMS meanwhile: ${paged.length}`,
    );
    expect(built.resourceChanges?.create).toBeGreaterThan(0);
    expect(paged.map((record) => record.text)).toEqual([]);
  });
});
