import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { APP_IGNORE_FILE, appEntries, shippedMode } from './app-files';

/** A folder holding `files` (path → content); a path ending in / is an empty folder. */
function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-files-'));
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) {
      mkdirSync(join(dir, path), { recursive: true });
    } else {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
  return dir;
}

const paths = (dir: string) => appEntries(dir).map((entry) => (entry.kind === 'dir' ? `${entry.path}/` : entry.path));

describe('appEntries', () => {
  it('leaves out every dotfile and dot-folder, at any depth, but .well-known at the top', () => {
    const dir = app({
      'index.php': '<?php',
      '.env': 'DB_PASSWORD=x',
      '.git/config': '[core]',
      '.hg/hgrc': '',
      '.svn/entries': '',
      'lib/.htpasswd': 'admin:x',
      'lib/db.php': '<?php',
      '.well-known/security.txt': 'Contact: x',
      '.well-known/.draft': '',
      'lib/.well-known/x': '',
    });
    expect(paths(dir)).toEqual(['.well-known/', '.well-known/security.txt', 'index.php', 'lib/', 'lib/db.php']);
  });

  it(`leaves out what ${APP_IGNORE_FILE} names, in .gitignore's syntax, and never ships the file itself`, () => {
    const dir = app({
      [APP_IGNORE_FILE]: ['# built on the CI, not served', 'node_modules/', '/tests', '*.log', 'docs/*', '!docs/api.html', 'README.md'].join('\n'),
      'index.php': '<?php',
      'README.md': '',
      'node_modules/x/index.js': '',
      'assets/node_modules/y.js': '',
      'tests/a.php': '',
      'lib/tests/b.php': '',
      'lib/error.log': '',
      'docs/guide.html': '',
      'docs/api.html': '',
    });
    expect(paths(dir)).toEqual(['assets/', 'docs/', 'docs/api.html', 'index.php', 'lib/', 'lib/tests/', 'lib/tests/b.php']);
  });

  it('refuses a symlink it would ship, and not one the ignore file leaves out, nor one inside an ignored folder', () => {
    const dir = app({ 'index.php': '<?php', 'vendor/bin/': '' });
    symlinkSync('/etc/passwd', join(dir, 'passwd'));
    symlinkSync('../lib', join(dir, 'vendor/bin/tool'));
    expect(() => appEntries(dir)).toThrow(`appDir: "passwd" is a symlink; a release holds files and folders only (leave it out in ${APP_IGNORE_FILE})`);
    writeFileSync(join(dir, APP_IGNORE_FILE), '/passwd\nvendor/bin/\n');
    expect(paths(dir)).toEqual(['index.php', 'vendor/']);
  });

  it('gives each entry its size and the mode it ships with', () => {
    const dir = app({ 'index.php': '<?php echo 1;', 'lib/': '' });
    chmodSync(join(dir, 'index.php'), 0o4777);
    expect(appEntries(dir)).toEqual([
      { path: 'index.php', kind: 'file', mode: 0o755, size: 13 },
      { path: 'lib', kind: 'dir', mode: 0o755, size: 0 },
    ]);
  });
});

describe('shippedMode', () => {
  const modes = fc.integer({ min: 0, max: 0o7777 });
  const kinds = fc.constantFrom('file' as const, 'dir' as const);

  it('is read-write for the owner, never writable by others nor set-id or sticky, and stable', () => {
    fc.assert(
      fc.property(modes, kinds, (mode, kind) => {
        const shipped = shippedMode(mode, kind);
        return (shipped & 0o600) === 0o600 && (shipped & 0o7022) === 0 && shippedMode(shipped, kind) === shipped;
      }),
    );
  });

  it('keeps what the developer kept from others, and lets whoever may read a folder enter it', () => {
    fc.assert(fc.property(modes, kinds, (mode, kind) => (shippedMode(mode, kind) & 0o055 & ~mode) === (kind === 'dir' ? ((mode & 0o044) >> 2) & ~mode : 0)));
    expect([0o644, 0o664, 0o600, 0o755].map((mode) => shippedMode(mode, 'file').toString(8))).toEqual(['644', '644', '600', '755']);
    expect([0o755, 0o2775, 0o744, 0o700].map((mode) => shippedMode(mode, 'dir').toString(8))).toEqual(['755', '755', '755', '700']);
  });
});
