import { shellQuote } from '@hastack/host';
import { MooseFsPorts } from '../moosefs-cluster/moosefs-cluster-args';

/** Sections of `mfscli -S<section>` the tier reads. */
export const MfscliSections = {
  masterInfo: 'IG',
  chunkservers: 'CS',
  metaloggers: 'MB',
  chunkClasses: 'IC',
  mounts: 'MS',
  exports: 'EX',
} as const;
export type MfscliSection = (typeof MfscliSections)[keyof typeof MfscliSections];

/** mfscli asking the master at `address`: plain text, "|" between fields, addresses not resolved to names. */
export function mfscliCommand(address: string, section: MfscliSection): string {
  return `mfscli -H ${shellQuote(address)} -P ${MooseFsPorts.client} -n -p -s '|' -S${section}`;
}

/** The fields of every line of one table ("chunk servers:|a|b|...") in mfscli's plain output. */
function rows(text: string, table: string): string[][] {
  const head = `${table}:|`;
  return text
    .split('\n')
    .filter((line) => line.startsWith(head))
    .map((line) => line.slice(head.length).split('|'));
}

export interface ConnectedChunkserver {
  address: string;
  port: number;
  id: number;
  version: string;
  chunks: number;
  usedBytes: number;
  totalBytes: number;
  /** "maintenance_off", or on (temporarily) while it is stopped on purpose. */
  maintenance: string;
}

export interface Chunkservers {
  connected: ConnectedChunkserver[];
  /** Chunkservers the master knows but has no connection to. */
  disconnected: { address: string; port: number }[];
}

/** `mfscli -SCS`: `chunk servers:|ip|port|id|labels|version|load|maintenance|chunks|used|total|...`. */
export function parseChunkservers(text: string): Chunkservers {
  return {
    connected: rows(text, 'chunk servers').map((f) => ({
      address: f[0],
      port: Number(f[1]),
      id: Number(f[2]),
      version: f[4],
      maintenance: f[6],
      chunks: Number(f[7]),
      usedBytes: Number(f[8]),
      totalBytes: Number(f[9]),
    })),
    disconnected: rows(text, 'Disconnected chunk servers').map((f) => ({ address: f[0], port: Number(f[1]) })),
  };
}

/** `mfscli -SMB`: the connected metaloggers, `metadata backup loggers:|ip|version`. */
export function parseMetaloggers(text: string): { address: string; version: string }[] {
  return rows(text, 'metadata backup loggers').map((f) => ({ address: f[0], version: f[1] }));
}

export interface ChunkClasses {
  /** No copy left anywhere. */
  missing: number;
  /** One copy where the goal asks for more. */
  endangered: number;
  /** Fewer copies than the goal, but more than one. */
  undergoal: number;
  stable: number;
  overgoal: number;
}

/** `mfscli -SIC`: `all chunks matrix:|chunkclass undergoal:|N`, counted live by the master. */
export function parseChunkClasses(text: string): ChunkClasses {
  const counts = new Map(rows(text, 'all chunks matrix').map((f) => [f[0], Number(f[1])]));
  const count = (name: string) => counts.get(`chunkclass ${name}:`) ?? 0;
  return { missing: count('missing'), endangered: count('endangered'), undergoal: count('undergoal'), stable: count('stable'), overgoal: count('overgoal') };
}

/** Chunks with fewer copies than their goal, whatever their class. */
export function chunksUnderGoal(classes: ChunkClasses): number {
  return classes.missing + classes.endangered + classes.undergoal;
}

export interface MountSession {
  sessionId: number;
  address: string;
  mountPoint: string;
  /** False for a session the master keeps for a while after its client went away. */
  active: boolean;
}

/** `mfscli -SMS`: `active mounts, parameters:|session|ip|mount point|...` and the inactive ones. */
export function parseMounts(text: string): MountSession[] {
  const sessions = (table: string, active: boolean) => rows(text, table).map((f) => ({ sessionId: Number(f[0]), address: f[1], mountPoint: f[2], active }));
  return [...sessions('active mounts, parameters', true), ...sessions('inactive mounts, parameters', false)];
}

/** `mfscli -SEX`: the addresses each export line admits, `exports:|from|to|path|...`. */
export function parseExports(text: string): { from: string; to: string; path: string }[] {
  return rows(text, 'exports').map((f) => ({ from: f[0], to: f[1], path: f[2] }));
}

/** A check that exits non-zero, saying how many, unless `expected` chunkservers are connected to the master. */
export function chunkserversConnectedCommand(address: string, expected: number): string {
  return [
    `connected="$(${mfscliCommand(address, MfscliSections.chunkservers)} | grep -c '^chunk servers:|' || true)"`,
    `if [ "$connected" -lt ${expected} ]; then echo "$connected of ${expected} chunkservers connected"; exit 2; fi`,
    `echo "${expected} chunkservers connected"`,
  ].join('; ');
}

/** A check that exits non-zero while any chunk has fewer copies than its goal. */
export function noUndergoalCommand(address: string): string {
  return [
    `under="$(${mfscliCommand(address, MfscliSections.chunkClasses)} | awk -F'|' '/^all chunks matrix:\\|chunkclass (missing|endangered|undergoal):/ {n += $3} END {print n + 0}')"`,
    'if [ "$under" -gt 0 ]; then echo "$under chunks under their goal"; exit 2; fi',
    'echo "no chunk under its goal"',
  ].join('; ');
}

/**
 * A check of the space left on all chunkservers together (used and total of `-SCS`): WARNING below
 * `warningPercent` free, CRITICAL below `criticalPercent`, or with no chunkserver at all.
 */
export function freeSpaceCommand(address: string, [warningPercent, criticalPercent]: [number, number]): string {
  return [
    `free="$(${mfscliCommand(address, MfscliSections.chunkservers)} | awk -F'|' '/^chunk servers:\\|/ {used += $10; total += $11} END {if (total > 0) printf "%d", 100 - used * 100 / total; else print -1}')"`,
    'if [ "$free" -lt 0 ]; then echo "CRITICAL: no chunkserver space"; exit 2; fi',
    `if [ "$free" -lt ${criticalPercent} ]; then echo "CRITICAL: $free% free on the chunkservers"; exit 2; fi`,
    `if [ "$free" -lt ${warningPercent} ]; then echo "WARNING: $free% free on the chunkservers"; exit 1; fi`,
    'echo "OK: $free% free on the chunkservers"',
  ].join('; ');
}
