import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { ensureDirectoryScript, removeDirectoryScript } from './directory-scripts';

const me = { owner: String(process.getuid?.() ?? 0), group: String(process.getgid?.() ?? 0) };

function run(lines: string[]): { code: number; stderr: string } {
  const result = spawnSync('sh', ['-c', bashScript(lines)], { encoding: 'utf8' });
  return { code: result.status ?? -1, stderr: result.stderr };
}

const modeOf = (path: string) => (statSync(path).mode & 0o7777).toString(8);

describe('Directory scripts', () => {
  let root: string;
  let state: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'directory-'));
    state = join(mkdtempSync(join(tmpdir(), 'directory-state-')), 'stack');
  });

  it('creates the folder and its missing parents with owner and mode, and removes exactly those on destroy', () => {
    const path = join(root, 'srv', 'chunks', 'hdd1');
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0750' })).code).toBe(0);
    expect(modeOf(path)).toBe('750');
    writeFileSync(join(path, 'chunk_0001.mfs'), 'data');
    expect(run(removeDirectoryScript(state, path, false)).code).toBe(0);
    expect(existsSync(join(root, 'srv'))).toBe(false);
    expect(existsSync(root)).toBe(true);
    expect(existsSync(state)).toBe(false);
  });

  it('applies owner and mode to a folder it found, keeps it on destroy and puts its mode back', () => {
    const path = join(root, 'existing');
    mkdirSync(path, { mode: 0o755 });
    writeFileSync(join(path, 'theirs'), 'x');
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0700' })).code).toBe(0);
    expect(modeOf(path)).toBe('700');
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0750' })).code).toBe(0);
    expect(run(removeDirectoryScript(state, path, false)).code).toBe(0);
    expect(existsSync(join(path, 'theirs'))).toBe(true);
    expect(modeOf(path)).toBe('755');
  });

  it('keeps a folder it created, with its data, when asked to', () => {
    const path = join(root, 'data');
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0750' })).code).toBe(0);
    writeFileSync(join(path, 'table.ibd'), 'rows');
    expect(run(removeDirectoryScript(state, path, true)).code).toBe(0);
    expect(existsSync(join(path, 'table.ibd'))).toBe(true);
    expect(existsSync(state)).toBe(false);
  });

  it('keeps a parent it created once something else lives in it', () => {
    const path = join(root, 'shared', 'mine');
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0755' })).code).toBe(0);
    writeFileSync(join(root, 'shared', 'other'), 'x');
    expect(run(removeDirectoryScript(state, path, false)).code).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(root, 'shared', 'other'))).toBe(true);
  });

  it('still knows it made the folder after a run that failed half-way', () => {
    const path = join(root, 'half');
    expect(run(ensureDirectoryScript(state, { path, owner: 'no-such-user-hastack', group: me.group, mode: '0750' })).code).not.toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0750' })).code).toBe(0);
    expect(run(removeDirectoryScript(state, path, false)).code).toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a path that is a file', () => {
    const path = join(root, 'file');
    writeFileSync(path, 'x');
    const result = run(ensureDirectoryScript(state, { path, ...me, mode: '0755' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exists and is not a folder');
  });

  // A mount of the test's own, in a mount namespace that ends with the script: none can be left behind.
  (process.getuid?.() === 0 ? it : it.skip)('refuses to remove a folder with a file system mounted on it or below it, removing nothing', () => {
    const path = join(root, 'shared');
    expect(run(ensureDirectoryScript(state, { path, ...me, mode: '0755' })).code).toBe(0);
    mkdirSync(join(path, 'below'));
    for (const target of [path, join(path, 'below')]) {
      const mounted = spawnSync(
        'unshare',
        [
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          `mount -t tmpfs tmpfs "$0" && echo data > "$0/file" && ${bashScript(removeDirectoryScript(state, path, false))}`,
          target,
        ],
        { encoding: 'utf8' },
      );
      expect(mounted.status).toBe(1);
      expect(mounted.stderr).toContain(`refused: ${path} is mounted, or holds a mount: unmount it first; nothing was removed`);
      expect(existsSync(join(path, 'below'))).toBe(true);
    }
  });

  it('does nothing on destroy without a record', () => {
    const path = join(root, 'unknown');
    mkdirSync(path);
    expect(run(removeDirectoryScript(state, path, false)).code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });
});
