import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDataPurge } from './render-data-purge';

describe('renderDataPurge', () => {
  it('removes each folder with what it holds, a name with blanks or quotes as one path', () => {
    const root = mkdtempSync(join(tmpdir(), 'purge-'));
    const [data, odd, kept] = ['data', "it's a dir", 'kept'].map((name) => join(root, name));
    for (const dir of [data, odd, kept]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'file'), 'x');
    }
    const result = spawnSync('bash', ['-c', renderDataPurge([data, odd, join(root, 'missing')])], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect([data, odd, kept].map((dir) => existsSync(dir))).toEqual([false, false, true]);
  });
});
