import type { ResolvedDirectorPairArgs, ResolvedHealthCheck } from './director-pair-args';

/** What a pair's settings promise before anything fails, in seconds; an operator reads them from the stack's outputs. */
export interface FailoverTimes {
  /**
   * How long the backup director waits without an advert from the master before it takes the VIPs: RFC
   * 5798's Master_Down_Interval, three advert intervals and a skew that grows as the backup's priority falls.
   * Clients see the VIP back shortly after (the backup's gratuitous ARP, its IPVS service).
   */
  masterDownSeconds: number;
  /** Per virtual service, on its port: the longest a dead real server stays in the pool. */
  realServerRemoval: RealServerRemovalTimes[];
}

export interface RealServerRemovalTimes {
  port: number;
  /** When the server refuses the check at once (its daemon stopped, the host up). */
  refusedSeconds: number;
  /** When nothing answers the check (the host down or cut off): each attempt waits out its timeout. */
  unansweredSeconds: number;
}

/** What of a health check times a removal. */
type CheckTiming = Pick<ResolvedHealthCheck, 'intervalSeconds' | 'timeoutSeconds' | 'retries' | 'retryDelaySeconds'>;

/**
 * VRRPv3 scales the skew by the advert interval (RFC 5798 6.1); VRRPv2 counts it in seconds (RFC 3768 6.1),
 * as keepalived does for each version.
 */
export function masterDownSeconds(advertIntervalSeconds: number, backupPriority: number, vrrpVersion: 2 | 3): number {
  const skew = vrrpVersion === 3 ? ((256 - backupPriority) * advertIntervalSeconds) / 256 : (256 - backupPriority) / 256;
  return 3 * advertIntervalSeconds + skew;
}

/**
 * A check round starts every interval; a failed check is retried `retries` times, `retryDelaySeconds` apart,
 * before keepalived takes the server out. So at worst the failure begins just after a passed check, and the
 * removal waits one interval, then every retry delay, and, for a server that does not answer, every attempt's
 * timeout.
 */
export function realServerRemovalSeconds(check: CheckTiming): {
  refusedSeconds: number;
  unansweredSeconds: number;
} {
  const refusedSeconds = check.intervalSeconds + check.retries * check.retryDelaySeconds;
  return { refusedSeconds, unansweredSeconds: refusedSeconds + (check.retries + 1) * check.timeoutSeconds };
}

/** The times a resolved pair implies, for its services once their ports are known. */
export function failoverTimes(
  pair: Pick<ResolvedDirectorPairArgs, 'advertIntervalSeconds' | 'priorities' | 'vrrpVersion'>,
  services: readonly { port: number; healthCheck: CheckTiming }[],
): FailoverTimes {
  return {
    masterDownSeconds: round(masterDownSeconds(pair.advertIntervalSeconds, pair.priorities[1], pair.vrrpVersion)),
    realServerRemoval: services.map(({ port, healthCheck }) => {
      const { refusedSeconds, unansweredSeconds } = realServerRemovalSeconds(healthCheck);
      return { port, refusedSeconds: round(refusedSeconds), unansweredSeconds: round(unansweredSeconds) };
    }),
  };
}

/** Milliseconds are as fine as keepalived's timers go. */
function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
