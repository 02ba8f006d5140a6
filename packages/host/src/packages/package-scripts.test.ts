import { execFileSync, spawnSync } from 'node:child_process';
import { osProfile } from '../os-profile';
import { bashScript } from '../shell';
import { installScript, removeScript } from './package-scripts';

describe('installScript', () => {
  const debian = osProfile('debian-12');

  function runInstall(previous: string): string {
    // The package manager is replaced by a fake that records what it was asked to install.
    const profile = {
      ...debian,
      packageManager: { ...debian.packageManager, isInstalled: 'test "$1" = present', install: 'echo "install $*" >&2' },
    };
    return execFileSync('sh', ['-c', bashScript(installScript(profile, ['present', 'absent'], []))], {
      env: { ...process.env, PULUMI_COMMAND_STDOUT: previous },
      stdio: 'pipe',
    }).toString();
  }

  it('installs only what is missing and records it', () => {
    expect(runInstall('')).toBe('absent\n');
  });

  it('keeps the record of earlier runs', () => {
    expect(runInstall('earlier')).toBe('absent\nearlier\n');
  });

  it('keeps only package names from the record, and the package manager out of stdout', () => {
    expect(runInstall('earlier\nSetting up x (1.0) ...\n./\n*')).toBe('absent\nearlier\n');
  });

  it('quotes package names', () => {
    expect(installScript(debian, ["x'; rm -rf /"], [])[0]).toBe(`set -- "x'; rm -rf /"`);
  });
});

describe('removeScript', () => {
  const rocky = osProfile('rocky-9');
  const profile = { ...rocky, packageManager: { ...rocky.packageManager, remove: 'echo "remove $*"' } };

  /** What the (fake) package manager was asked to do: it reports on stderr, as the script sends it there. */
  function runRemove(recorded: string): string {
    return spawnSync('sh', ['-c', bashScript(removeScript(profile))], {
      env: { ...process.env, PULUMI_COMMAND_STDOUT: recorded },
      encoding: 'utf8',
    }).stderr;
  }

  it('removes exactly the recorded packages', () => {
    expect(runRemove('httpd\nphp')).toBe('remove httpd php\n');
  });

  it('removes nothing when nothing was installed', () => {
    expect(runRemove('')).toBe('');
  });

  it('never passes anything but a package name to the package manager', () => {
    expect(runRemove('httpd\nE: Unsupported file ./\n*')).toBe('remove httpd\n');
  });
});
