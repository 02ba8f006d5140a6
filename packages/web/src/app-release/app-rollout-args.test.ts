import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAppReleaseArgs } from './app-release-args';

const withIndex = () => {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  writeFileSync(join(dir, 'index.php'), '<?php');
  return dir;
};
const good = () => ({ appDir: withIndex(), documentRoot: '/var/www/html', releasesDir: '/var/lib/hastack-web/releases', poolSize: 2 });

describe('validateAppReleaseArgs', () => {
  it('accepts a folder with an index and the defaults', () => {
    expect(validateAppReleaseArgs(good())).toEqual([]);
  });

  it('names every problem at once', () => {
    expect(validateAppReleaseArgs({ ...good(), appDir: '/nonexistent/app', documentRoot: 'html', keep: 0, batchSize: 3 })).toEqual([
      'appDir: "/nonexistent/app" is not a folder',
      'documentRoot: "html" is not a plain absolute path',
      'keep: 0 must be a whole number of at least 1 (the live release)',
      "batchSize: 3 must be between 1 and the pool's 2 hosts",
    ]);
  });

  it('refuses a folder without index.php or index.html, and a batch of 0', () => {
    const empty = mkdtempSync(join(tmpdir(), 'app-'));
    expect(validateAppReleaseArgs({ ...good(), appDir: empty, batchSize: 0 })).toEqual([
      `appDir: "${empty}" has no index.php or index.html`,
      "batchSize: 0 must be between 1 and the pool's 2 hosts",
    ]);
  });
});
