import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appBundle } from './app-bundle';
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
});
