import { poolChecks } from './pool-checks';

describe('poolChecks', () => {
  it('counts the first failure and its retries to leave, and two passes of an HTTP check to rejoin', () => {
    expect(poolChecks({ type: 'http', retries: 2 })).toEqual({ leave: 3, rejoin: 2 });
  });

  it("needs one pass of a TCP check, and takes keepalived's one retry when none is given", () => {
    expect(poolChecks({ type: 'tcp' })).toEqual({ leave: 2, rejoin: 1 });
  });
});
