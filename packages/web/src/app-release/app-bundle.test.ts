import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appBundle, bundleProblems } from './app-bundle';
import { appDigest } from './app-digest';

function app(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'index.php'), '<?php require __DIR__ . "/lib/db.php";', { mode: 0o644 });
  writeFileSync(join(dir, 'lib/db.php'), '<?php', { mode: 0o600 });
  return dir;
}

describe('appBundle', () => {
  it('is named by the content digest and unpacks, with tar, to the same files and modes', () => {
    const dir = app();
    const bundle = appBundle(dir);
    expect(bundle.digest).toBe(appDigest(dir));
    const out = mkdtempSync(join(tmpdir(), 'unpacked-'));
    expect(spawnSync('bash', ['-c', `base64 -d | tar -xz -C ${out}`], { input: bundle.archive }).status).toBe(0);
    expect(readFileSync(join(out, 'index.php'), 'utf8')).toBe('<?php require __DIR__ . "/lib/db.php";');
    expect(statSync(join(out, 'lib/db.php')).mode & 0o777).toBe(0o600);
  });

  it('packs the same folder to the same bytes whatever its files’ times', () => {
    const first = app();
    const second = app();
    utimesSync(join(second, 'index.php'), new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect(appBundle(second).archive).toBe(appBundle(first).archive);
  });

  it('ships neither dotfiles nor what the ignore file names, with its modes and no owners', () => {
    const dir = app();
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git/config'), '[core]');
    writeFileSync(join(dir, '.env'), 'DB_PASSWORD=x');
    writeFileSync(join(dir, '.hastackignore'), 'tests/\n');
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'tests/a.php'), '<?php', { mode: 0o666 });
    chmodSync(join(dir, 'index.php'), 0o4775);
    const listing = spawnSync('bash', ['-c', 'base64 -d | tar -tvz --numeric-owner'], { input: appBundle(dir).archive }).stdout.toString();
    expect(
      listing
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/).filter((_, i) => [0, 1, 5].includes(i))),
    ).toEqual([
      ['-rwxr-xr-x', '0/0', 'index.php'],
      ['drwxr-xr-x', '0/0', 'lib/'],
      ['-rw-------', '0/0', 'lib/db.php'],
    ]);
  });

  it('refuses, before packing, more files than maxBundleMiB, naming the folder, the size, the limit and the way out', () => {
    const dir = app();
    writeFileSync(join(dir, 'lib/big.bin'), Buffer.alloc(3 * 2 ** 20));
    const problem =
      `appDir: "${dir}" ships 3.0 MiB in 3 files, more than maxBundleMiB (2 MiB); heaviest: lib/ 3.0 MiB, index.php 1 KiB. ` +
      'Leave out what the site need not serve in .hastackignore there, keep media in the shared folder, or raise maxBundleMiB';
    expect(bundleProblems(dir, { maxBundleMiB: 2 })).toEqual([problem]);
    expect(() => appBundle(dir, { maxBundleMiB: 2 })).toThrow(`appBundle ${dir}: invalid arguments:\n  - ${problem}`);
    expect(bundleProblems(dir, { maxBundleMiB: 4 })).toEqual([]);
    writeFileSync(join(dir, '.hastackignore'), '*.bin\n');
    expect(bundleProblems(dir, { maxBundleMiB: 2 })).toEqual([]);
  });

  it('names a missing folder and a limit that is not one', () => {
    expect(bundleProblems('/nonexistent/app', { maxBundleMiB: 0 })).toEqual([
      'appDir: "/nonexistent/app" is not a folder',
      'maxBundleMiB: 0 must be a positive number of MiB',
    ]);
  });
});
