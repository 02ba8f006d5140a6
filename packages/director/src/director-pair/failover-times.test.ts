import { resolveHealthCheckDefaults } from './director-pair-args';
import { failoverTimes, masterDownSeconds, realServerRemovalSeconds } from './failover-times';

describe('the times a pair of directors promises', () => {
  it("waits RFC 5798's master-down interval: three adverts and a skew scaled by the advert interval", () => {
    // 1 s adverts, backup priority 100: 3 + 156/256 s, keepalived's default pair.
    expect(masterDownSeconds(1, 100, 3)).toBeCloseTo(3.609, 3);
    // The lab's 0.2 s adverts.
    expect(masterDownSeconds(0.2, 100, 3)).toBeCloseTo(0.722, 3);
    // A backup of higher priority waits less.
    expect(masterDownSeconds(0.2, 200, 3)).toBeLessThan(masterDownSeconds(0.2, 100, 3));
  });

  it('counts the skew in whole seconds under VRRPv2 (RFC 3768)', () => {
    expect(masterDownSeconds(1, 100, 2)).toBeCloseTo(3.609, 3);
    expect(masterDownSeconds(2, 100, 2)).toBeCloseTo(6.609, 3);
  });

  it('takes a refusing real server out after a check interval and its retries, an unanswering one after their timeouts too', () => {
    const check = { intervalSeconds: 1, timeoutSeconds: 3, retries: 1, retryDelaySeconds: 0.5 };
    expect(realServerRemovalSeconds(check)).toEqual({ refusedSeconds: 1.5, unansweredSeconds: 7.5 });
    expect(realServerRemovalSeconds({ ...check, retries: 0 })).toEqual({ refusedSeconds: 1, unansweredSeconds: 4 });
  });

  it("states a pair's times per service port, to the millisecond", () => {
    const healthCheck = resolveHealthCheckDefaults({ type: 'http', timeoutSeconds: 3 });
    expect(failoverTimes({ advertIntervalSeconds: 0.2, priorities: [150, 100], vrrpVersion: 3 }, [{ port: 80, healthCheck }])).toEqual({
      masterDownSeconds: 0.722,
      realServerRemoval: [{ port: 80, refusedSeconds: 1.5, unansweredSeconds: 7.5 }],
    });
  });
});
