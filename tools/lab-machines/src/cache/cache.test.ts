import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheKey, cachedDir } from './cache';

describe('cacheKey', () => {
  it('is stable for the same inputs and changes with any of them', () => {
    expect(cacheKey({ includes: ['a', 'b'], recipe: 1 })).toBe(cacheKey({ includes: ['a', 'b'], recipe: 1 }));
    expect(cacheKey({ includes: ['a', 'b'], recipe: 1 })).not.toBe(cacheKey({ includes: ['a', 'b'], recipe: 2 }));
    expect(cacheKey({ includes: ['a', 'b'], recipe: 1 })).not.toBe(cacheKey({ includes: ['a', 'c'], recipe: 1 }));
  });
});

describe('cachedDir', () => {
  let parent: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-cache-'));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true }));

  it('builds once, then reuses', async () => {
    const dir = path.join(parent, 'entry');
    const build = jest.fn(async (into: string) => fs.writeFileSync(path.join(into, 'file'), 'x'));
    expect(await cachedDir(dir, build)).toBe(true);
    expect(await cachedDir(dir, build)).toBe(false);
    expect(build).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(path.join(dir, 'file'), 'utf8')).toBe('x');
  });

  it('leaves nothing behind when the build fails, so the next run builds again', async () => {
    const dir = path.join(parent, 'entry');
    await expect(
      cachedDir(dir, async (into) => {
        fs.writeFileSync(path.join(into, 'half'), 'x');
        throw new Error('download failed');
      }),
    ).rejects.toThrow('download failed');
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('clears a partial build whose builder died', async () => {
    const dir = path.join(parent, 'entry');
    fs.mkdirSync(`${dir}.partial-999999999`);
    await cachedDir(dir, async () => undefined);
    expect(fs.readdirSync(parent)).toEqual(['entry']);
  });
});
