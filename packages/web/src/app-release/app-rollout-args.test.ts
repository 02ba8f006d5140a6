import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAppRolloutDefaults, validateAppRollout } from './app-rollout-args';

const withIndex = () => {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  writeFileSync(join(dir, 'index.php'), '<?php');
  return dir;
};
const good = () => ({ appDir: withIndex(), poolSize: 2 });

describe('validateAppRollout', () => {
  it('accepts a folder with an index and the defaults', () => {
    expect(validateAppRollout(good())).toEqual([]);
  });

  it('names every problem at once', () => {
    expect(validateAppRollout({ ...good(), appDir: '/nonexistent/app', keep: 0, batchSize: 3, checkPath: 'health.php' })).toEqual([
      'appDir: "/nonexistent/app" is not a folder',
      'keep: 0 must be a whole number of at least 1 (the live release)',
      "batchSize: 3 must be between 1 and the pool's 2 hosts",
      'checkPath: "health.php" is not a plain URL path starting with /',
    ]);
  });

  it('refuses a folder without index.php or index.html, and a batch of 0', () => {
    const empty = mkdtempSync(join(tmpdir(), 'app-'));
    expect(validateAppRollout({ ...good(), appDir: empty, batchSize: 0 })).toEqual([
      `appDir: "${empty}" has no index.php or index.html`,
      "batchSize: 0 must be between 1 and the pool's 2 hosts",
    ]);
  });

  it('finds an application heavier than maxBundleMiB with the other problems, before anything is packed', () => {
    const app = withIndex();
    writeFileSync(join(app, 'video.mp4'), Buffer.alloc(2 ** 20 + 1));
    expect(validateAppRollout({ appDir: app, poolSize: 2, maxBundleMiB: 1, keep: 0 })).toEqual([
      expect.stringContaining(`appDir: "${app}" ships 1.0 MiB in 2 files, more than maxBundleMiB (1 MiB); heaviest: video.mp4 1.0 MiB, index.php 1 KiB.`),
      'keep: 0 must be a whole number of at least 1 (the live release)',
    ]);
  });
});

describe('resolveAppRolloutDefaults', () => {
  it("rolls one host at a time with the release's and the bundle's defaults", () => {
    expect(resolveAppRolloutDefaults({ appDir: '/app', poolSize: 2 })).toEqual({
      appDir: '/app',
      poolSize: 2,
      keep: 3,
      checkPath: '/',
      batchSize: 1,
      maxBundleMiB: 64,
    });
  });
});
