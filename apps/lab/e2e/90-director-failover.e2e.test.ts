import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  clientMacForVip,
  currentVipHolder,
  hostsWithRole,
  KILL_KEEPALIVED_HARD,
  macOf,
  timeCleanupAfterHardKill,
  timeUntilBackupServes,
  waitForVipHolder,
} from '../src/probes/failover';
import { sampleSite } from '../src/status';
import { describeTraffic, startTraffic } from '../src/probes/traffic';
import type { TrafficReport } from '../src/probes/traffic';
import { VRRP_STATE_DIR } from '@hastack/director';
import { deploy, failoverTimes, inventory, sh } from './support';
import { waitUntil } from '@hastack/host';

const [director1, director2] = hostsWithRole(inventory, 'director');

/** One request on the agent's connection: which web host answered, and from which local port. */
function getThrough(agent: Agent): Promise<{ host: string; localPort: number }> {
  return new Promise((resolve, reject) => {
    const request = get(`http://${inventory.vip}/`, { agent, timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ host: /id="host">([^<]+)</.exec(body)?.[1] ?? '', localPort: request.socket?.localPort ?? 0 }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer on the kept-alive connection within 5 s')));
    request.on('error', reject);
  });
}

/**
 * The backup serves no sooner than the master-down time the stack states (its adverts' skew and all), and
 * soon after: its gratuitous ARP and IPVS service take a moment, longer on a loaded lab.
 */
async function expectWithinMasterDown(takeoverMs: number): Promise<void> {
  const { masterDownSeconds } = await failoverTimes();
  expect(takeoverMs).toBeGreaterThanOrEqual(masterDownSeconds * 1000 - AdvertClockSlackMs);
  expect(takeoverMs).toBeLessThan(masterDownSeconds * 1000 + 2000);
}

/** The lab machine timestamps the last advert as it sees it on the bridge, the backup a moment later. */
const AdvertClockSlackMs = 50;

/** Takes the director's link down for a while, detached, so the command returns while the link is down. */
function linkOutage(seconds: number): string {
  return `nohup sh -c 'ip link set ${director1.interface} down; sleep ${seconds}; ip link set ${director1.interface} up' >/dev/null 2>&1 &`;
}

describe('director failover', () => {
  // A test that fails half-way must not leave the next one without a master.
  afterEach(async () => {
    for (const director of [director1, director2]) await sh(director, 'systemctl start keepalived');
  });

  it('starts with the first director holding the VIP', async () => {
    await waitForVipHolder(inventory, director1, 20000);
  });

  it('moves the VIP to the backup when keepalived on the master is killed, and back when it returns', async () => {
    const takeoverMs = await timeUntilBackupServes(inventory, director1, director2, () => sh(director1, KILL_KEEPALIVED_HARD));
    console.log(`VIP served through ${director2.name} ${takeoverMs} ms after the last advert of ${director1.name}, whose keepalived was killed`);
    await expectWithinMasterDown(takeoverMs);
    expect((await sampleSite(`http://${inventory.vip}/`, 20)).failed ?? 0).toBe(0);
    // The notify hook records the new state where alerting and status read it.
    expect(await sh(director2, `cat ${VRRP_STATE_DIR}/vrrp-VI_51.state`)).toBe('MASTER\n');

    // preempt is on: the master takes the VIP back once it runs again.
    await sh(director1, 'systemctl start keepalived');
    await waitForVipHolder(inventory, director1, 20000);
    expect((await sampleSite(`http://${inventory.vip}/`, 20)).failed ?? 0).toBe(0);
  });

  it('cleans up after a keepalived killed hard under a client: no VIP and no IPVS service stay on its director, and the backup serves until systemd starts it again', async () => {
    await waitForVipHolder(inventory, director1, 20000);
    const backupMac = await macOf(director2);
    const restarts = async () => Number(await sh(director1, 'systemctl show -p NRestarts --value keepalived'));
    const before = await restarts();
    const restartSeconds = Number((await sh(director1, 'systemctl show -p RestartUSec --value keepalived')).trim().replace(/s$/, ''));
    expect(restartSeconds).toBeGreaterThan(1);
    // Two clients: one from the kill while the backup serves, what the drop-in answers for; one while the
    // restarted keepalived takes the VIP back (preempt), where a connection the returning director never
    // learned from the sync daemon is reset: LVS's own limit of a failback, counted apart.
    const crash = startTraffic(`http://${inventory.vip}/`);
    let gone: { vipMs: number; serviceMs: number };
    let report: TrafficReport;
    let failback: TrafficReport;
    try {
      gone = await timeCleanupAfterHardKill(director1, inventory.vip);
      await waitUntil('the backup to serve', async () => (clientMacForVip(inventory) === backupMac ? true : undefined), 20000, 100);
      await sleep(1000);
    } finally {
      report = await crash.stop();
    }
    const returning = startTraffic(`http://${inventory.vip}/`);
    try {
      await waitUntil('systemd to start keepalived again', async () => ((await restarts()) > before ? true : undefined), 20000, 500);
      await waitForVipHolder(inventory, director1, 20000);
      await sleep(1000);
    } finally {
      failback = await returning.stop();
    }
    console.log(
      `${director1.name}: VIP gone ${gone.vipMs} ms and IPVS service gone ${gone.serviceMs} ms after its keepalived was killed; ` +
        `until the backup had served for 1 s, ${describeTraffic(report)}; while ${director1.name} took the VIP back, ${describeTraffic(failback)}`,
    );
    // The drop-in's stop commands cleaned up, not the restart: keepalived starts again only RestartSec later.
    expect(gone.vipMs).toBeGreaterThan(0);
    expect(gone.vipMs).toBeLessThan(restartSeconds * 1000);
    expect(gone.serviceMs).toBeGreaterThan(0);
    expect(gone.serviceMs).toBeLessThan(restartSeconds * 1000);
    // A director answering for a VIP it no longer serves would reset or refuse; a timeout is a stall, not that.
    expect(Object.keys(report.failures).filter((reason) => /^ECONN(RESET|REFUSED)\b/.test(reason))).toEqual([]);
    expect(report.perSecond).toBeGreaterThanOrEqual(20);
    expect((await sampleSite(`http://${inventory.vip}/`, 20)).failed ?? 0).toBe(0);
  });

  it('keeps an established connection across a failover, through IPVS connection sync', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await getThrough(agent);
    // Requests keep flowing on the one connection from the start: Apache closes a connection idle for its
    // keep-alive timeout (5 s), which a slow wait for the sync below outlasted once.
    const onConnection: { localPort: number; error?: string }[] = [];
    let flowing = true;
    const traffic = (async () => {
      while (flowing) {
        onConnection.push(await getThrough(agent).catch((error: Error) => ({ localPort: 0, error: error.message })));
        await sleep(300);
      }
    })();
    try {
      // The backup must know the connection before the master fails; it learns it from the sync daemon.
      await waitUntil(
        'the connection to be synced to the backup',
        async () => ((await sh(director2, 'ipvsadm -Lnc')).includes(`:${first.localPort} `) ? true : undefined),
        10000,
        200,
      );
      // The master drops off the network: a killed keepalived would leave the VIP on it, answering with resets.
      await timeUntilBackupServes(inventory, director1, director2, () => sh(director1, linkOutage(10)));
      await sleep(1500);
    } finally {
      flowing = false;
      await traffic;
      agent.destroy();
    }
    expect(onConnection.length).toBeGreaterThan(3);
    expect(onConnection.filter((r) => r.error)).toEqual([]);
    expect(new Set(onConnection.map((r) => r.localPort))).toEqual(new Set([first.localPort]));
    await waitForVipHolder(inventory, director1, 60000, 500);
  });

  it('moves the VIP to the backup when the master loses its link', async () => {
    const takeoverMs = await timeUntilBackupServes(inventory, director1, director2, () => sh(director1, linkOutage(10)));
    console.log(`VIP served through ${director2.name} ${takeoverMs} ms after the last advert of ${director1.name}, which lost its link`);
    await expectWithinMasterDown(takeoverMs);
    await waitForVipHolder(inventory, director1, 60000, 500);
    expect((await sampleSite(`http://${inventory.vip}/`, 20)).failed ?? 0).toBe(0);
  });

  it('leaves the VIP with the backup when the old master returns, under nopreempt', async () => {
    await deploy(inventory, { preempt: false });
    await timeUntilBackupServes(inventory, director1, director2, () => sh(director1, KILL_KEEPALIVED_HARD));
    await sh(director1, 'systemctl start keepalived');
    // Long enough for a preempting master to have taken the VIP back (it did within 2 s above).
    await sleep(5000);
    expect((await currentVipHolder(inventory))?.name).toBe(director2.name);
    expect((await sampleSite(`http://${inventory.vip}/`, 20)).failed ?? 0).toBe(0);

    await deploy(inventory);
    await sh(director2, 'systemctl restart keepalived');
    await waitForVipHolder(inventory, director1, 30000);
  });
});
