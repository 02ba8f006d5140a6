import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InventoryHost } from '@hastack/inventory';

/** The lab names each host's tap (VMs) or veth (containers) after the last octet of its address. */
function labLinkOf(host: InventoryHost): string {
  return `labtap-${host.address.split('.')[3]}`;
}

/**
 * Watches a director's VRRP adverts on its link on this machine, so that a failure is timed from the
 * master's last advert rather than from a command that reaches the host over a slow SSH session.
 */
export class VrrpAdvertWatch {
  private lastAdvertMs = 0;
  private readonly tcpdump: ChildProcess;

  private constructor(director: InventoryHost) {
    this.tcpdump = spawn('tcpdump', ['-l', '-n', '-tt', '-i', labLinkOf(director), `ip proto 112 and src host ${director.address}`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    createInterface({ input: this.tcpdump.stdout! }).on('line', (line) => {
      const seconds = Number(line.split(' ')[0]);
      if (Number.isFinite(seconds)) this.lastAdvertMs = seconds * 1000;
    });
  }

  /** Starts watching and resolves once the first advert is seen. */
  static async start(director: InventoryHost, timeoutMs = 10000): Promise<VrrpAdvertWatch> {
    const watch = new VrrpAdvertWatch(director);
    const deadline = Date.now() + timeoutMs;
    while (watch.lastAdvertMs === 0) {
      if (Date.now() > deadline) {
        watch.stop();
        throw new Error(`no VRRP advert from ${director.name} on ${labLinkOf(director)} within ${timeoutMs} ms`);
      }
      await sleep(50);
    }
    return watch;
  }

  /** When the director's last advert was seen, in Date.now() milliseconds. */
  get lastAdvert(): number {
    return this.lastAdvertMs;
  }

  stop(): void {
    this.tcpdump.kill();
  }
}
