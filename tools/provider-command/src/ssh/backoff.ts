const FIRST_DELAY_MS = 100;
const GROWTH = 1.5;
const MAX_DELAY_MS = 5000;

/** How long to wait after the n-th failed dial (1-based): 100 ms growing by half each time, at most 5 s. */
export function dialRetryDelay(failedAttempts: number): number {
  return Math.min(FIRST_DELAY_MS * GROWTH ** (failedAttempts - 1), MAX_DELAY_MS);
}
