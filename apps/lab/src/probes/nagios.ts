import { osProfile, waitUntil } from '@hastack/host';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { parseNagiosStatus, type NagiosStatus } from '@hastack/monitoring';
import { labSshOrThrow } from '@hastack/lab-machines';

export function monitoringHost(inventory: Inventory): InventoryHost {
  const host = inventory.hosts.find((h) => h.roles.includes('monitoring'));
  if (!host) throw new Error('the inventory has no monitoring host');
  return host;
}

/** Nagios's status data as it is now. */
export async function nagiosStatus(inventory: Inventory): Promise<NagiosStatus> {
  const host = monitoringHost(inventory);
  return parseNagiosStatus(await labSshOrThrow(host, `cat ${osProfile(host.os).paths.nagiosVarDir}/status.dat`));
}

/** Asks Nagios to check every host and service now, through its external command pipe. */
export async function forceAllChecks(inventory: Inventory): Promise<void> {
  const status = await nagiosStatus(inventory);
  const now = Math.floor(Date.now() / 1000);
  await sendNagiosCommands(
    inventory,
    status.hosts.flatMap((h) => [`SCHEDULE_FORCED_HOST_CHECK;${h.host};${now}`, `SCHEDULE_FORCED_HOST_SVC_CHECKS;${h.host};${now}`]),
  );
}

/** Writes external commands to Nagios's command pipe, all in one login, each stamped now. */
async function sendNagiosCommands(inventory: Inventory, commands: readonly string[]): Promise<void> {
  const host = monitoringHost(inventory);
  const now = Math.floor(Date.now() / 1000);
  const lines = commands.map((command) => `'[${now}] ${command}'`).join(' ');
  await labSshOrThrow(host, `printf '%s\\n' ${lines} > ${osProfile(host.os).paths.nagiosCommandFile}`);
}

/** Asks Nagios to run one service's check now (a test that already measured the natural schedule need not wait for it). */
export async function forceServiceCheck(inventory: Inventory, hostName: string, service: string): Promise<void> {
  await forceServiceChecks(inventory, [{ host: hostName, service }]);
}

/** Asks Nagios to run these services' checks now, in one command write. */
async function forceServiceChecks(inventory: Inventory, services: readonly { host: string; service: string }[]): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await sendNagiosCommands(
    inventory,
    services.map(({ host, service }) => `SCHEDULE_FORCED_SVC_CHECK;${host};${service};${now}`),
  );
}

/** Waits until every host is UP and every service OK in Nagios's eyes, forcing checks now and then; returns the status. */
export async function waitUntilAllGreen(inventory: Inventory, timeoutMs: number): Promise<NagiosStatus> {
  let last: NagiosStatus | undefined;
  let rounds = 0;
  try {
    return await waitUntil(
      'every Nagios host UP and service OK',
      async () => {
        if (rounds++ % 20 === 0) await forceAllChecks(inventory);
        last = await nagiosStatus(inventory);
        const green = last.hosts.every((h) => h.state === 'UP') && last.services.every((s) => s.state === 'OK');
        return green && last;
      },
      timeoutMs,
      1000,
    );
  } catch (error) {
    const problems = last ? [...last.hosts, ...last.services].filter((e) => e.state !== 'UP' && e.state !== 'OK') : [];
    throw new Error(`${(error as Error).message}; still: ${problems.map((p) => `${p.host}/${p.service ?? '-'} ${p.state} ${p.output}`).join('; ')}`);
  }
}

/**
 * Forces the checks of `services` round after round until Nagios holds each in a HARD problem state: what
 * a fault's consequences reach on their own within a check interval, without waiting for it.
 */
export async function waitUntilHardProblems(inventory: Inventory, services: readonly { host: string; service: string }[], timeoutMs: number): Promise<void> {
  await waitUntil(
    `a HARD problem on ${services.map((s) => `${s.host}/${s.service}`).join(', ')}`,
    async () => {
      await forceServiceChecks(inventory, services);
      const status = await nagiosStatus(inventory);
      return services.every(({ host, service }) => status.services.some((s) => s.host === host && s.service === service && s.hard && s.state !== 'OK'));
    },
    timeoutMs,
    3000,
  );
}
