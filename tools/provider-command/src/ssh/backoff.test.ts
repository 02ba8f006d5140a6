import { dialRetryDelay } from './backoff';

describe('dialRetryDelay', () => {
  it('starts at 100 ms and grows by half', () => {
    expect([1, 2, 3].map(dialRetryDelay)).toEqual([100, 150, 225]);
  });

  it('is capped at 5 s', () => {
    expect(dialRetryDelay(30)).toBe(5000);
  });

  it('waits about 11 s over the default 10 tolerated failures', () => {
    const total = Array.from({ length: 10 }, (_, i) => dialRetryDelay(i + 1)).reduce((a, b) => a + b);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThan(12_000);
  });
});
