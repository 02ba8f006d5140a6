import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperatingSystems } from '../os-profile';
import { bashScript } from '../shell';
import { expectedOsRelease, hostFactsScript, parseOsRelease } from './host-facts-scripts';

// The first lines of each distribution's /etc/os-release, as shipped.
const RELEASES: Record<string, string> = {
  debian12: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
  rocky93: 'NAME="Rocky Linux"\nVERSION="9.3 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\n',
  alma810: 'NAME="AlmaLinux"\nVERSION="8.10 (Cerulean Leopard)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.10"\n',
  stream9: 'NAME="CentOS Stream"\nVERSION="9"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="9"\n',
};

function check(os: (typeof OperatingSystems)[number], release: string | undefined): { code: number; stdout: string; stderr: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'os-release-')), 'os-release');
  if (release !== undefined) writeFileSync(path, release);
  const result = spawnSync('sh', ['-c', bashScript(hostFactsScript({ name: 'web1', address: '198.18.0.21', os }, path))], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr.replace(path, '/etc/os-release') };
}

describe('hostFactsScript', () => {
  it.each([
    ['debian-12', 'debian12', 'debian 12'],
    ['rocky-9', 'rocky93', 'rocky 9.3'],
    ['alma-8', 'alma810', 'almalinux 8.10'],
    ['centos-stream-9', 'stream9', 'centos 9'],
  ] as const)('accepts a %s host whose os-release is %s', (os, release, found) => {
    expect(check(os, RELEASES[release])).toEqual({ code: 0, stdout: `${found}\n`, stderr: '' });
  });

  it('refuses a Debian host declared rocky-9, naming the host, the declared OS and the one found', () => {
    expect(check('rocky-9', RELEASES.debian12)).toMatchObject({
      code: 1,
      stderr: 'host web1 (198.18.0.21) is declared rocky-9 but /etc/os-release says debian 12\n',
    });
  });

  it('refuses the right distribution at another major version', () => {
    expect(check('rocky-8', RELEASES.rocky93).stderr).toContain('is declared rocky-8 but /etc/os-release says rocky 9.3');
  });

  it('refuses a host without os-release', () => {
    expect(check('debian-12', undefined).stderr).toContain('is declared debian-12 but has no');
  });

  it('knows the os-release ID of every supported OS', () => {
    for (const os of OperatingSystems) expect(expectedOsRelease(os).id).toMatch(/^(debian|centos|rocky|almalinux)$/);
  });

  it('reads back what the script printed', () => {
    expect(parseOsRelease('rocky 9.3\n')).toEqual({ id: 'rocky', versionId: '9.3' });
  });
});
