import type { Inventory, InventoryHost } from '@hastack/inventory';
import { execFileSync } from 'node:child_process';
import { labSsh, labSshOrThrow } from '@hastack/lab-machines';
import { ipvsServiceKey, parseIpvsTable } from '@hastack/director';
import { HTTP_PORT } from '@hastack/web';
import { vipOwnership } from '../status/lab-status';
import { whoAnswers } from '../status/site-probe';
import { VrrpAdvertWatch } from './vrrp-adverts';
import { shellQuote, waitUntil } from '@hastack/host';

export function hostsWithRole(inventory: Inventory, role: InventoryHost['roles'][number]): InventoryHost[] {
  return inventory.hosts.filter((host) => host.roles.includes(role));
}

const FREEZE_KEEPALIVED = 'pkill -STOP -x keepalived';
const KILL_FROZEN_KEEPALIVED = 'systemctl kill --signal=KILL keepalived';

/**
 * SIGKILL for every keepalived process with no goodbye. They are frozen first: a child that outlives its
 * parent for a moment is told so (PR_SET_PDEATHSIG) and sends a priority-0 advert, a clean handover
 * rather than a failure, and a parent that outlives a child respawns it. systemd sends the SIGKILLs, all
 * before it handles the main process's exit: once it has, it sends what is left SIGTERM and SIGCONT, and
 * a health checker that pkill had not reached yet emptied the pool while the VIP was still held (a
 * refused request under 90's client).
 */
export const KILL_KEEPALIVED_HARD = `${FREEZE_KEEPALIVED}; ${KILL_FROZEN_KEEPALIVED}`;

/**
 * Kills keepalived hard on `director` and times there how long its VIP and the VIP's HTTP service in IPVS
 * outlive the kill command, in ms (0: still there after 10 s). The poll forks nothing (bash builtins reading /proc,
 * a read with a timeout for its sleep): on a director's single emulated CPU, `ip` and `ipvsadm` take
 * 100-150 ms each, and a poll running them competes with the cleanup it times.
 */
export async function timeCleanupAfterHardKill(director: InventoryHost, vip: string): Promise<{ vipMs: number; serviceMs: number }> {
  // /proc/net/ip_vs lists it as "TCP  C6120064:0050 wlc"; only the VIP's own lines carry its address.
  const [, serviceField] = ipvsServiceKey(vip, HTTP_PORT).split(' ');
  const script = [
    'shopt -s extglob',
    'exec {tick}<> <(:)',
    // A local address is a "/32 host LOCAL" leaf of the kernel's trie.
    `look() { IFS= read -rd '' trie < /proc/net/fib_trie; IFS= read -rd '' ipvs < /proc/net/ip_vs; [[ $trie == *'-- ${vip}'$'\n'+( )'/32 host LOCAL'* ]] && has_vip=1 || has_vip=; [[ $ipvs == *' ${serviceField} '* ]] && has_service=1 || has_service=; }`,
    'look',
    `[[ -n $has_vip && -n $has_service ]] || { echo "${director.name} holds no VIP or no IPVS service for it before the kill" >&2; exit 1; }`,
    // The clock starts between the freeze, which makes keepalived do nothing, and the kill: the time includes
    // starting systemctl (an overestimate), where a clock started after it would miss what systemd did
    // while systemctl was still running.
    FREEZE_KEEPALIVED,
    'start=$EPOCHREALTIME vip= service=',
    KILL_FROZEN_KEEPALIVED,
    'while (( ${EPOCHREALTIME/./} - ${start/./} < 10000000 )); do',
    '  look',
    '  [[ -n $vip || -n $has_vip ]] || vip=$EPOCHREALTIME',
    '  [[ -n $service || -n $has_service ]] || service=$EPOCHREALTIME',
    '  [[ -n $vip && -n $service ]] && break',
    '  read -t 0.02 -u "$tick" || true',
    'done',
    'for t in "$vip" "$service"; do [[ -n $t ]] && echo $(( (${t/./} - ${start/./}) / 1000 )) || echo 0; done',
  ].join('\n');
  const [vipMs, serviceMs] = (await labSshOrThrow(director, script)).trim().split('\n').map(Number);
  return { vipMs, serviceMs };
}

/** The director whose NIC carries the VIP right now, if exactly one does. */
export async function currentVipHolder(inventory: Inventory): Promise<InventoryHost | undefined> {
  const { holders } = await vipOwnership(inventory);
  return holders.length === 1 ? holders[0] : undefined;
}

/** Waits until `director`, and it alone, holds the VIP. */
export async function waitForVipHolder(inventory: Inventory, director: InventoryHost, timeoutMs: number, intervalMs?: number): Promise<void> {
  await waitUntil(
    `${director.name} to hold the VIP`,
    async () => ((await currentVipHolder(inventory))?.name === director.name ? true : undefined),
    timeoutMs,
    intervalMs,
  );
}

/** The MAC this machine sends VIP traffic to: whichever director answered ARP for the VIP last. */
export function clientMacForVip(inventory: Inventory): string {
  return execFileSync('ip', ['neigh', 'show', 'to', inventory.vip], { encoding: 'utf8' }).split(' lladdr ')[1]?.split(' ')[0] ?? '';
}

export async function macOf(director: InventoryHost): Promise<string> {
  return (await labSshOrThrow(director, `cat /sys/class/net/${director.interface}/address`)).trim();
}

/** Real servers in a director's IPVS table, weight above 0: those it sends new connections to. */
export async function poolMembers(director: InventoryHost): Promise<string[]> {
  const table = parseIpvsTable((await labSsh(director, 'ipvsadm -Ln')).stdout);
  return table.filter((row) => row.weight > 0).map((row) => row.address.split(':')[0]);
}

/** Waits until `realServer` is in (or out of) the director's pool, as its health checks decide. */
export async function waitForPoolMembership(
  director: InventoryHost,
  realServer: InventoryHost,
  member: boolean,
  timeoutMs: number,
  intervalMs?: number,
): Promise<void> {
  await waitUntil(
    `${realServer.name} to ${member ? 'join' : 'leave'} the pool`,
    async () => ((await poolMembers(director)).includes(realServer.address) === member ? true : undefined),
    timeoutMs,
    intervalMs,
  );
}

/**
 * Fires `fault` on the VRRP master, then requests the site until one is answered while `served` holds;
 * returns the milliseconds from the master's last VRRP advert (the failure, to within one advert
 * interval) to that request.
 */
export async function timeUntilServed(
  inventory: Inventory,
  master: InventoryHost,
  fault: () => Promise<unknown>,
  served: () => Promise<boolean>,
  timeoutMs = 30000,
): Promise<number> {
  const adverts = await VrrpAdvertWatch.start(master);
  try {
    await fault();
    await waitUntil(
      'a request served after the fault',
      async () => ((await whoAnswers(`http://${inventory.vip}/`, 500)) && (await served()) ? true : undefined),
      timeoutMs,
      20,
    );
    return Math.round(Date.now() - adverts.lastAdvert);
  } finally {
    adverts.stop();
  }
}

/** timeUntilServed for a fault that moves the VIP: served once this machine sends VIP traffic to `backup`. */
export async function timeUntilBackupServes(
  inventory: Inventory,
  master: InventoryHost,
  backup: InventoryHost,
  fault: () => Promise<unknown>,
): Promise<number> {
  const backupMac = await macOf(backup);
  return timeUntilServed(inventory, master, fault, async () => clientMacForVip(inventory) === backupMac);
}

/**
 * Milliseconds from the moment `director` first finds `realServer` refusing connections on `port` to the
 * moment it has taken it out of its pool, both seen on the director's own clock (polled every 10 ms; the
 * connection test is the shell's own, no process), so neither SSH nor the clocks of two hosts count.
 * `fault` makes the server refuse.
 */
export async function timePoolRemoval(director: InventoryHost, realServer: InventoryHost, port: number, fault: () => Promise<unknown>): Promise<number> {
  const script = [
    'set -euo pipefail',
    'end=$((SECONDS + 60))',
    `answers() { (exec 3<>/dev/tcp/${realServer.address}/${port}) 2>/dev/null; }`,
    'until answers; do ((SECONDS < end)) || exit 1; sleep 0.01; done',
    'touch /run/e2e-removal.watching',
    'while answers; do ((SECONDS < end)) || exit 1; sleep 0.01; done',
    'refused=$(date +%s%N)',
    // grep reads the whole table: with -q it could leave ipvsadm writing into a closed pipe, and pipefail
    // would take that for the server gone.
    `while ipvsadm -Ln | grep -F ' ${realServer.address}:${port} ' >/dev/null; do ((SECONDS < end)) || exit 1; sleep 0.01; done`,
    'echo $((($(date +%s%N) - refused) / 1000000)) > /run/e2e-removal.ms',
  ].join('\n');
  await labSshOrThrow(director, 'rm -f /run/e2e-removal.*');
  await labSshOrThrow(director, `nohup bash -c ${shellQuote(script)} >/dev/null 2>&1 &`);
  await waitUntil(
    'the director to watch the real server',
    async () => (await labSsh(director, 'test -e /run/e2e-removal.watching')).code === 0 || undefined,
    30_000,
  );
  await fault();
  const ms = await waitUntil(
    'the director to take the server out',
    async () => (await labSsh(director, 'cat /run/e2e-removal.ms 2>/dev/null')).stdout.trim() || undefined,
    60_000,
    250,
  );
  return Number(ms);
}
