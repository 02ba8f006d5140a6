import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDigest } from './app-digest';

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'digest-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
    chmodSync(join(dir, path), 0o644);
  }
  return dir;
}

describe('appDigest', () => {
  const files = { 'index.php': '<?php echo 1;', 'lib/db.php': '<?php' };

  it('is the same for the same paths, contents and modes, wherever the folder is and whatever its times', () => {
    const first = app(files);
    const second = app(files);
    utimesSync(join(second, 'index.php'), 1, 1);
    expect(appDigest(second)).toBe(appDigest(first));
    expect(appDigest(first)).toMatch(/^[0-9a-f]{20}$/);
  });

  it('changes with a content, a path or a mode', () => {
    const digest = appDigest(app(files));
    expect(appDigest(app({ ...files, 'index.php': '<?php echo 2;' }))).not.toBe(digest);
    expect(appDigest(app({ 'index.php': files['index.php'], 'lib/other.php': '<?php' }))).not.toBe(digest);
    const executable = app(files);
    chmodSync(join(executable, 'index.php'), 0o755);
    expect(appDigest(executable)).not.toBe(digest);
  });

  it('refuses a symlink, whose target would escape the release', () => {
    const dir = app(files);
    symlinkSync('/etc/passwd', join(dir, 'passwd'));
    expect(() => appDigest(dir)).toThrow('"passwd" is a symlink');
  });

  it('covers what ships only: no dotfile, nothing the ignore file names, modes as shipped', () => {
    const digest = appDigest(app(files));
    expect(appDigest(app({ ...files, '.git/HEAD': 'ref: refs/heads/main', 'lib/.env': 'x' }))).toBe(digest);
    expect(appDigest(app({ ...files, '.hastackignore': '*.log', 'debug.log': 'x' }))).toBe(digest);
    const groupWritable = app(files);
    chmodSync(join(groupWritable, 'index.php'), 0o664);
    expect(appDigest(groupWritable)).toBe(digest);
  });
});
