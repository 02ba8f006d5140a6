import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFiles, selectPaths } from './asset-paths';

const files = ['a.txt', 'b.log', 'sub/c.txt', 'sub/deep/d.txt', 'sub/deep/e.log'];

describe('selectPaths', () => {
  it('matches one segment with * and any depth with **', () => {
    expect(selectPaths(files, ['*.txt'])).toEqual(['a.txt']);
    expect(selectPaths(files, ['**/*.txt'])).toEqual(['a.txt', 'sub/c.txt', 'sub/deep/d.txt']);
    expect(selectPaths(files, ['sub/**'])).toEqual(['sub/c.txt', 'sub/deep/d.txt', 'sub/deep/e.log']);
  });

  it('removes earlier matches with ! patterns, in order', () => {
    expect(selectPaths(files, ['**', '!**/*.log', 'sub/deep/e.log'])).toEqual(['a.txt', 'sub/c.txt', 'sub/deep/d.txt', 'sub/deep/e.log']);
  });

  it('treats regular-expression characters literally', () => {
    expect(selectPaths(['a+b.txt', 'aab.txt'], ['a+b.txt'])).toEqual(['a+b.txt']);
  });
});

describe('listFiles', () => {
  it('lists regular files recursively, relative to the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asset-paths-'));
    mkdirSync(join(dir, 'sub/empty'), { recursive: true });
    writeFileSync(join(dir, 'z.txt'), '');
    writeFileSync(join(dir, 'sub/a.txt'), '');
    await expect(listFiles(dir)).resolves.toEqual(['sub/a.txt', 'z.txt']);
  });
});
