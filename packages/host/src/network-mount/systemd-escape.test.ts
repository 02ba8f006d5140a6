import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { mountUnitName, systemdEscapePath } from './systemd-escape';

// Printed by systemd 252's `systemd-escape -p --suffix=mount` (Debian 12).
const known: [string, string][] = [
  ['/srv/hastack-probe2/mnt', 'srv-hastack\\x2dprobe2-mnt.mount'],
  ['/', '-.mount'],
  ['/mnt//data/', 'mnt-data.mount'],
  ['/.hidden/x', '\\x2ehidden-x.mount'],
  ['/mnt/my dir', 'mnt-my\\x20dir.mount'],
  ['/a/./b', 'a-b.mount'],
  ['/x/ä', 'x-\\xc3\\xa4.mount'],
  ['/a:b_c.d/e@f+g', 'a:b_c.d-e\\x40f\\x2bg.mount'],
  ['/a\\b', 'a\\x5cb.mount'],
  ['/%i', '\\x25i.mount'],
];

describe('mountUnitName', () => {
  it.each(known)('names the mount unit of %j as systemd does', (where, unit) => {
    expect(mountUnitName(where)).toBe(unit);
  });

  it('refuses what systemd refuses', () => {
    expect(() => systemdEscapePath('/a/../b')).toThrow('".." component');
    expect(() => systemdEscapePath('relative/x')).toThrow('not an absolute path');
  });

  const systemdEscape = spawnSync('systemd-escape', ['--version']).status === 0;
  (systemdEscape ? it : it.skip)('agrees with systemd-escape on any absolute path', () => {
    const char = fc.constantFrom('a', 'Z', '0', '-', '.', '_', ':', ' ', '\\', 'é', '%', '@', '/');
    const component = fc.array(char, { maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 4 }), (parts) => {
        const path = `/${parts.join('/')}`;
        const real = spawnSync('systemd-escape', ['-p', '--', path], { encoding: 'utf8' });
        if (real.status !== 0) {
          expect(() => systemdEscapePath(path)).toThrow();
        } else {
          expect(systemdEscapePath(path)).toBe(real.stdout.trim());
        }
      }),
      { numRuns: 150 },
    );
  });
});
