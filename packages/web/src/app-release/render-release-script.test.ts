import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '@hastack/host';
import { renderReleaseScript } from './render-release-script';

let base: string;
let releases: string;
let root: string;

/** A tar stream of a release whose index.php says `text`. */
function tarOf(text: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  writeFileSync(join(dir, 'index.php'), text);
  return spawnSync('tar', ['-c', '-C', dir, '.']).stdout;
}

function release(digest: string, text: string, check = 'test -f "$RELEASE_DIR/index.php"', configTest = 'true') {
  const script = bashScript(renderReleaseScript({ releasesDir: releases, documentRoot: root, digest, keep: 2, configTest, releaseCheck: check }));
  const result = spawnSync('bash', ['-c', script], { input: tarOf(text) });
  return { code: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'release-'));
  releases = join(base, 'releases');
  root = join(base, 'html');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), 'distribution page');
});

describe('renderReleaseScript', () => {
  it('unpacks the release under its digest and points the document root at it, keeping the original aside', () => {
    expect(release('aaaaaaaa', 'v1')).toMatchObject({ code: 0, stdout: `${releases}/aaaaaaaa\n` });
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
    expect(readFileSync(join(root, 'index.php'), 'utf8')).toBe('v1');
    expect(readFileSync(join(releases, '.original', 'index.html'), 'utf8')).toBe('distribution page');
  });

  it('leaves the old release live when the new one fails its check, with the reason', () => {
    release('aaaaaaaa', 'v1');
    const refused = release('bbbbbbbb', 'v2', 'echo "HTTP 500 from the release" && false');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('release bbbbbbbb refused: its check failed:\nHTTP 500 from the release');
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
  });

  it('leaves the old release live when the web server config test fails', () => {
    release('aaaaaaaa', 'v1');
    const refused = release('bbbbbbbb', 'v2', 'true', 'echo "Syntax error on line 3" && false');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the web server config test failed:\nSyntax error on line 3');
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
  });

  it('keeps the newest releases only, the live one always', () => {
    for (const [digest, text] of [['aaaaaaaa', 'v1'], ['bbbbbbbb', 'v2'], ['cccccccc', 'v3']]) {
      expect(release(digest, text).code).toBe(0);
      spawnSync('sleep', ['0.02']);
    }
    expect(readdirSync(releases).filter((name) => !name.startsWith('.')).sort()).toEqual(['bbbbbbbb', 'cccccccc']);
    expect(readlinkSync(root)).toBe(`${releases}/cccccccc`);
  });

  it('changes nothing on a second run of the same release', () => {
    release('aaaaaaaa', 'v1');
    expect(release('aaaaaaaa', 'v1').code).toBe(0);
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
    expect(existsSync(`${root}.hastack-next`)).toBe(false);
  });

  it('refuses a digest that is not one', () => {
    expect(() => renderReleaseScript({ releasesDir: releases, documentRoot: root, digest: '../x', keep: 2, configTest: 'true', releaseCheck: 'true' })).toThrow('not a hex digest');
  });
});
