import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { osProfile, OsProfile } from '../os-profile';
import { bashScript } from '../shell';
import { installScript, packagesDriftProbe, removeScript } from './package-scripts';

/** The profile with its install lock on a folder of this machine (the EL one has no /var/lib/rpm here). */
function withLockIn(base: OsProfile, stateDir: string): OsProfile {
  return { ...base, packageManager: { ...base.packageManager, stateDir } };
}

/**
 * A package manager over a file of `name=version` lines: installing `x` also pulls in `libx` (the way
 * apt pulls in dependencies), at the version in $NEXT_VERSION.
 */
function fakeProfile(base: OsProfile): OsProfile {
  return {
    ...base,
    packageManager: {
      ...base.packageManager,
      isInstalled: 'for p in "$@"; do grep -q "^$p=" "$DB" || exit 1; done',
      listInstalled: 'cat "$DB"',
      install: 'for p in "$@"; do echo "$p=$NEXT_VERSION" >> "$DB"; grep -q "^lib$p=" "$DB" || echo "lib$p=$NEXT_VERSION" >> "$DB"; echo "installing $p"; done',
      remove: 'echo "remove $*"',
      stateDir: tmpdir(),
    },
  };
}

describe('installScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packages-'));
  const db = join(dir, 'db');
  const before = join(dir, 'state/packages/web1-apache.before');
  const profile = fakeProfile(osProfile('debian-12'));

  function install(names: string[], previous = '', version = '1.0') {
    const result = spawnSync('sh', ['-c', bashScript(installScript(profile, names, [], before))], {
      env: { ...process.env, DB: db, NEXT_VERSION: version, PULUMI_COMMAND_STDOUT: previous },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  }

  beforeEach(() => writeFileSync(db, 'present=2.0\nother=3.0\n'));

  it('installs what is missing and records it with the dependencies it pulled in, and what was there', () => {
    expect(install(['present', 'absent'])).toBe('installed absent=1.0\ninstalled libabsent=1.0\npresent present=2.0\n');
    expect(readFileSync(db, 'utf8')).not.toContain('libpresent');
  });

  it('keeps the packages of earlier runs in the record, at their versions now', () => {
    const first = install(['absent']);
    writeFileSync(db, readFileSync(db, 'utf8').replace('absent=1.0', 'absent=1.1'));
    expect(install(['absent', 'second'], first)).toBe('installed absent=1.1\ninstalled libabsent=1.0\ninstalled libsecond=1.0\ninstalled second=1.0\n');
  });

  it('changes the record when an installed version changes, so that services restart', () => {
    const first = install(['absent']);
    writeFileSync(db, readFileSync(db, 'utf8').replace('libabsent=1.0', 'libabsent=1.0+deb12u1'));
    expect(install(['absent'], first)).not.toBe(first);
  });

  it('counts what an interrupted first attempt installed', () => {
    writeFileSync(db, 'present=2.0\n');
    mkdirSync(join(dir, 'state/packages'), { recursive: true });
    writeFileSync(before, 'present=2.0\n');
    writeFileSync(db, 'present=2.0\nabsent=1.0\nlibabsent=1.0\n');
    expect(install(['absent'])).toBe('installed absent=1.0\ninstalled libabsent=1.0\n');
    expect(existsSync(join(dir, 'state'))).toBe(false);
  });

  it('reads only well-formed lines from the record, and the names of a record without versions', () => {
    const previous = 'installed old=1.0\nolder\nSetting up x (1.0) ...\ninstalled $(reboot)=1\n./\n*';
    writeFileSync(db, 'present=2.0\nold=1.0\nolder=0.9\n');
    expect(install(['present'], previous)).toBe('installed old=1.0\ninstalled older=0.9\npresent present=2.0\n');
  });

  it('quotes package names', () => {
    expect(installScript(profile, ["x'; rm -rf /"], [], before)).toContain(`set -- "x'; rm -rf /"`);
  });
});

describe('removeScript', () => {
  const profile = fakeProfile(osProfile('rocky-9'));

  /** What the (fake) package manager was asked to do: it reports on stderr, as the script sends it there. */
  function runRemove(recorded: string): string {
    return spawnSync('sh', ['-c', bashScript(removeScript(profile))], {
      env: { ...process.env, PULUMI_COMMAND_STDOUT: recorded },
      encoding: 'utf8',
    }).stderr;
  }

  it('hands the package manager exactly what the record says was installed', () => {
    expect(runRemove('installed httpd=2.4.57-5.el9\ninstalled apr=1.7.0-11.el9\npresent curl=7.76.1-26.el9')).toBe('remove httpd apr\n');
  });

  it('removes nothing when nothing was installed', () => {
    expect(runRemove('present curl=7.76.1-26.el9')).toBe('');
  });

  it('never passes anything but a package name to the package manager', () => {
    expect(runRemove('installed httpd=2.4\nE: Unsupported file ./\n*')).toBe('remove httpd\n');
  });
});

describe("apt's removal", () => {
  const dir = mkdtempSync(join(tmpdir(), 'apt-'));
  const log = join(dir, 'log');

  /** apt-mark and apt-get stand-ins: apt would autoremove an orphan of someone else's and two of ours. */
  beforeAll(() => {
    mkdirSync(join(dir, 'bin'));
    const tools: Record<string, string> = {
      'apt-mark': `echo "apt-mark $*" >> ${log}`,
      'apt-get': [
        `if [ "$1 \${*: -1}" = "-s autoremove" ]; then printf 'Remv orphan [1.0]\\nRemv libapache2 [2.4]\\nRemv apache2 [2.4]\\n'; exit 0; fi`,
        `echo "apt-get $*" >> ${log}`,
      ].join('\n'),
    };
    for (const [name, body] of Object.entries(tools)) {
      writeFileSync(join(dir, 'bin', name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(dir, 'bin', name), 0o755);
    }
  });

  it('purges the packages of the record that nothing needs, and no other package apt would autoremove', () => {
    const recorded = 'installed apache2=2.4\ninstalled libapache2=2.4\ninstalled needed-by-others=1.0';
    const result = spawnSync('sh', ['-c', bashScript(removeScript(withLockIn(osProfile('debian-12'), tmpdir())))], {
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, PULUMI_COMMAND_STDOUT: recorded },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(
      'apt-mark auto apache2 libapache2 needed-by-others\n' + 'apt-get -o DPkg::Lock::Timeout=300 purge -y libapache2 apache2\n',
    );
  });
});

describe('installs and removals on one host', () => {
  it('run one at a time: a second waits for the first to finish', () => {
    const profile = fakeProfile(osProfile('debian-12'));
    const file = join(mkdtempSync(join(tmpdir(), 'packages-lock-')), 'remove.sh');
    writeFileSync(file, bashScript(removeScript(profile)));
    // Another holder of the same lock for 1 s; the removal starts 0.2 s later and must wait for it.
    const holder = spawn('flock', [profile.packageManager.stateDir, 'sleep', '1']);
    spawnSync('sleep', ['0.2']);
    const started = Date.now();
    const result = spawnSync('sh', [file], { encoding: 'utf8', env: { ...process.env, PULUMI_COMMAND_STDOUT: 'installed x=1' } });
    const waited = Date.now() - started;
    holder.kill();
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('remove x\n');
    expect(waited).toBeGreaterThan(600);
  });
});

describe('packagesDriftProbe', () => {
  it('prints a line for each package of the set that is not installed', () => {
    const result = spawnSync('sh', ['-c', bashScript(packagesDriftProbe(osProfile('debian-12'), ['bash', 'hastack-no-such-package', 'coreutils']))], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('package hastack-no-such-package: not installed\n');
  });
});
