import { readdirSync, readFileSync } from 'node:fs';

/** What a process of a Pulumi run is, told from its command line. */
export type ProcessRole = 'pulumi' | 'program' | 'provider' | 'other';

export interface RoleUsage {
  /** Highest peak RSS (VmHWM) of any one process of the role, in bytes. */
  peakRssBytes: number;
  /** CPU time of all processes of the role, in seconds. */
  cpuSeconds: number;
}

interface Seen {
  role: ProcessRole;
  peakRssBytes: number;
  cpuSeconds: number;
}

const CLOCK_TICKS_PER_SECOND = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

function parentOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // The command name (2nd field) is in parentheses and may hold spaces: fields are counted after it.
  return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : undefined;
}

function cpuSecondsOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function peakRssOf(pid: number): number | undefined {
  const match = read(`/proc/${pid}/status`)?.match(/^VmHWM:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : undefined;
}

function rssOf(pid: number): number {
  const match = read(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : 0;
}

function roleOf(pid: number, root: number): ProcessRole {
  if (pid === root) return 'pulumi';
  const cmdline = read(`/proc/${pid}/cmdline`)?.split('\0').join(' ') ?? '';
  if (/provider\.js|pulumi-resource-/.test(cmdline)) return 'provider';
  if (/@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(cmdline)) return 'program';
  return 'other';
}

/**
 * Samples the peak RSS and CPU time of a process and of all its descendants from /proc until stopped.
 * VmHWM is the kernel's own high-water mark, so a peak between two samples is not missed; only what a
 * process does after its last sample (at most one interval) goes uncounted.
 */
export class ProcessSampler {
  private readonly seen = new Map<number, Seen>();
  private readonly timer: NodeJS.Timeout;
  /** RSS of the whole process tree at the last sample, in bytes. */
  treeRssBytes = 0;

  constructor(
    private readonly root: number,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  private descendants(): number[] {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const parent = parentOf(Number(entry));
      if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    }
    const found = [this.root];
    for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
    return found;
  }

  private sample(): void {
    let treeRssBytes = 0;
    for (const pid of this.descendants()) {
      treeRssBytes += rssOf(pid);
      const peakRssBytes = peakRssOf(pid);
      const cpuSeconds = cpuSecondsOf(pid);
      if (peakRssBytes === undefined || cpuSeconds === undefined) continue;
      const previous = this.seen.get(pid);
      // A launcher script execs node: the role is the one seen last.
      const role = roleOf(pid, this.root);
      this.seen.set(pid, {
        role: role === 'other' && previous ? previous.role : role,
        peakRssBytes: Math.max(peakRssBytes, previous?.peakRssBytes ?? 0),
        cpuSeconds: Math.max(cpuSeconds, previous?.cpuSeconds ?? 0),
      });
    }
    this.treeRssBytes = treeRssBytes;
  }

  /**
   * Kills the root process and every descendant. The CLI starts its plugins in process groups of their
   * own, so killing its group would leave the program and the providers running; children go first, as
   * a child whose parent is gone is no longer found under it.
   */
  killTree(): void {
    for (const pid of this.descendants().reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Takes a last sample (call it just before the root process is reaped) and stops. */
  stop(): Record<ProcessRole, RoleUsage> {
    this.sample();
    clearInterval(this.timer);
    const usage: Record<ProcessRole, RoleUsage> = {
      pulumi: { peakRssBytes: 0, cpuSeconds: 0 },
      program: { peakRssBytes: 0, cpuSeconds: 0 },
      provider: { peakRssBytes: 0, cpuSeconds: 0 },
      other: { peakRssBytes: 0, cpuSeconds: 0 },
    };
    for (const { role, peakRssBytes, cpuSeconds } of this.seen.values()) {
      usage[role].peakRssBytes = Math.max(usage[role].peakRssBytes, peakRssBytes);
      usage[role].cpuSeconds += cpuSeconds;
    }
    return usage;
  }
}
