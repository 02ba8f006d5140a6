import { HealthCheckArgs, resolveHealthCheckDefaults } from './director-pair-args';

/** Checks in a row a director takes to move a real server out of its pool, and back into it. */
export interface PoolChecks {
  /** Failed checks: the first failure and its retries. */
  leave: number;
  /** Passed checks once the server answers again. */
  rejoin: number;
}

/**
 * The checks keepalived counts before it changes the pool. An HTTP check needs two passes to put a server
 * back: the first pass after a failure only clears the failed URL (keepalived's check_http.c, 2.2), so a
 * host that waits for one pass moves on while the director still leaves it out; a TCP check needs one.
 */
export function poolChecks(check: Pick<HealthCheckArgs, 'type' | 'retries'>): PoolChecks {
  return { leave: resolveHealthCheckDefaults(check).retries + 1, rejoin: check.type === 'http' ? 2 : 1 };
}
