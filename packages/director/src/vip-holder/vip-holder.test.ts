import { execFileSync } from 'node:child_process';
import { holdsVipTest } from './vip-holder';

/** Runs the test with `ip` replaced by a function printing the given `ip -o -4 addr show` lines. */
function holds(vip: string, addresses: string): boolean {
  const script = `ip() { printf '%s\\n' ${JSON.stringify(addresses)}; }; if ${holdsVipTest(vip)}; then echo yes; else echo no; fi`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim() === 'yes';
}

describe('holdsVipTest', () => {
  const master = '2: eth0    inet 198.18.0.11/24 brd 198.18.0.255 scope global eth0\n2: eth0    inet 198.18.0.100/24 scope global secondary eth0';
  it('succeeds on the host listing the VIP, fails where only a longer address starts with it', () => {
    expect(holds('198.18.0.100', master)).toBe(true);
    expect(holds('198.18.0.10', master)).toBe(false);
    expect(holds('198.18.0.100', '2: eth0    inet 198.18.0.12/24 brd 198.18.0.255 scope global eth0')).toBe(false);
  });
});
