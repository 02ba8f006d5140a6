import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '@hastack/host';
import { renderReleaseDriftProbe, renderReleaseScript, renderReleasesRemovalScript } from './render-release-script';

let base: string;
let releases: string;
let root: string;

/** A release whose index.php says `text`, as the host reads it: a base64 tar.gz; `more` adds to its folder first. */
function archiveOf(text: string, more: (dir: string) => void = () => {}, tarOptions: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  writeFileSync(join(dir, 'index.php'), text);
  more(dir);
  return spawnSync('tar', [...tarOptions, '-cz', '-C', dir, '.']).stdout.toString('base64');
}

interface Steps {
  check?: string;
  configTest?: string;
  liveCheck?: string;
  /** Each step of the drain appends its name to `$base/steps`. */
  drain?: boolean;
  /** No other member of the pool serves. */
  alone?: boolean;
  /** Leaving the pool takes a second. */
  slowLeave?: boolean;
  /** What arrives on stdin, made by another packer than `appBundle` (a release of index.php saying the text). */
  archive?: string;
}

function releaseScript(digest: string, text: string, steps: Steps = {}): string {
  const log = (step: string) => `echo ${step} >> ${join(base, 'steps')}`;
  return bashScript(
    renderReleaseScript({
      releasesDir: releases,
      documentRoot: root,
      digest,
      keep: 2,
      configTest: steps.configTest ?? 'true',
      releaseCheck: steps.check ?? 'test -f "$RELEASE_DIR/index.php" && test "$RELEASE_NAME" = ' + digest,
      reload: log('reload'),
      liveCheck: steps.liveCheck ?? `grep -q ${text} ${root}/index.php`,
      liveCheckSeconds: 1,
      drain: steps.drain
        ? {
            flag: join(base, 'drain'),
            leave: `touch ${join(base, 'drain')}; ${log('leave')}; sleep ${steps.slowLeave ? 1 : 0}`,
            rejoin: `rm ${join(base, 'drain')}; ${log('rejoin')}`,
            servedElsewhere: `served_elsewhere() { return ${steps.alone ? 1 : 0}; }`,
          }
        : undefined,
    }),
  );
}

function release(digest: string, text: string, steps: Steps = {}) {
  const result = spawnSync('bash', ['-c', releaseScript(digest, text, steps)], { input: steps.archive ?? archiveOf(text) });
  return { code: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

/** The same release run in the background, as an interrupted deployment leaves one; resolves with its exit code. */
function releaseInBackground(digest: string, text: string, steps: Steps = {}): Promise<number | null> {
  const child = spawn('bash', ['-c', releaseScript(digest, text, steps)]);
  child.stdin.end(archiveOf(text));
  return new Promise((resolve) => child.on('exit', resolve));
}

const steps = () => (existsSync(join(base, 'steps')) ? readFileSync(join(base, 'steps'), 'utf8').trim().split('\n') : []);

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'release-'));
  releases = join(base, 'releases');
  root = join(base, 'html');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), 'distribution page');
});

describe('renderReleaseScript', () => {
  it('unpacks the release under its digest and points the document root at it, keeping the original aside', () => {
    expect(release('aaaaaaaa', 'v1')).toMatchObject({ code: 0, stdout: 'live aaaaaaaa\n' });
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
    expect(readFileSync(join(root, 'index.php'), 'utf8')).toBe('v1');
    expect(readFileSync(join(releases, '.original', 'index.html'), 'utf8')).toBe('distribution page');
  });

  it('leaves the old release live when the new one fails its check, with the reason', () => {
    release('aaaaaaaa', 'v1');
    const refused = release('bbbbbbbb', 'v2', { check: 'echo "HTTP 500 from the release" && false', drain: true });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('release bbbbbbbb refused: its check failed:\nHTTP 500 from the release');
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
    expect(steps()).toEqual(['reload']);
  });

  it('takes a host with a live release out of the pool for the switch, and a first release not', () => {
    release('aaaaaaaa', 'v1', { drain: true });
    expect(release('bbbbbbbb', 'v2', { drain: true }).code).toBe(0);
    expect(steps()).toEqual(['reload', 'leave', 'reload', 'rejoin']);
    expect(existsSync(join(base, 'drain'))).toBe(false);
  });

  it('switches a host in place when no other member of the pool serves: leaving would empty the pool', () => {
    release('aaaaaaaa', 'v1', { drain: true });
    const alone = release('bbbbbbbb', 'v2', { drain: true, alone: true });
    expect(alone.code).toBe(0);
    expect(alone.stderr).toContain('no other member of the pool serves: the host switches without leaving it');
    expect(steps()).toEqual(['reload', 'reload']);
    expect(readFileSync(join(root, 'index.php'), 'utf8')).toContain('v2');
  });

  it('runs one release at a time on a host: a second waits for the first, then finds it live', async () => {
    release('aaaaaaaa', 'v1', { drain: true });
    const both = await Promise.all([0, 1].map(() => releaseInBackground('bbbbbbbb', 'v2', { drain: true, slowLeave: true })));
    expect(both).toEqual([0, 0]);
    expect(steps()).toEqual(['reload', 'leave', 'reload', 'rejoin']);
  });

  it('leaves a host an operator drained out of the pool', () => {
    release('aaaaaaaa', 'v1', { drain: true });
    writeFileSync(join(base, 'drain'), '');
    expect(release('bbbbbbbb', 'v2', { drain: true }).code).toBe(0);
    expect(steps()).toEqual(['reload', 'reload']);
    expect(existsSync(join(base, 'drain'))).toBe(true);
  });

  it('puts the previous release back when the new one fails once live, and rejoins the pool', () => {
    release('aaaaaaaa', 'v1', { drain: true });
    const refused = release('bbbbbbbb', 'v2', { drain: true, liveCheck: 'echo "GET /: HTTP/1.1 500" && false' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('release bbbbbbbb refused: it failed its check once live, and the previous release serves again:\nGET /: HTTP/1.1 500');
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
    expect(steps()).toEqual(['reload', 'leave', 'reload', 'reload']);
    expect(existsSync(join(base, 'drain'))).toBe(false);
  });

  it('leaves the old release live when the web server config test fails', () => {
    release('aaaaaaaa', 'v1');
    const refused = release('bbbbbbbb', 'v2', { configTest: 'echo "Syntax error on line 3" && false' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the web server config test failed:\nSyntax error on line 3');
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
  });

  it('keeps the newest releases only, the live one always', () => {
    for (const [digest, text] of [
      ['aaaaaaaa', 'v1'],
      ['bbbbbbbb', 'v2'],
      ['cccccccc', 'v3'],
    ]) {
      expect(release(digest, text).code).toBe(0);
      spawnSync('sleep', ['0.02']);
    }
    expect(
      readdirSync(releases)
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['bbbbbbbb', 'cccccccc']);
    expect(readlinkSync(root)).toBe(`${releases}/cccccccc`);
  });

  it('changes nothing on a second run of the same release', () => {
    release('aaaaaaaa', 'v1');
    expect(release('aaaaaaaa', 'v1').code).toBe(0);
    expect(readlinkSync(root)).toBe(`${releases}/aaaaaaaa`);
    expect(existsSync(`${root}.hastack-next`)).toBe(false);
    expect(steps()).toEqual(['reload']);
  });

  it("is undone by the removal script: the distribution's document root back, no release left", () => {
    release('aaaaaaaa', 'v1');
    const removal = spawnSync('bash', ['-c', bashScript(renderReleasesRemovalScript({ releasesDir: releases, documentRoot: root, reload: 'true' }))]);
    expect(removal.status).toBe(0);
    expect(readFileSync(join(root, 'index.html'), 'utf8')).toBe('distribution page');
    expect(existsSync(releases)).toBe(false);
  });

  it("unpacks its user's files (root's), writable by it alone and with no set-id bit, whatever owners and modes the archive gives", () => {
    const archive = archiveOf(
      'v1',
      (dir) => {
        mkdirSync(join(dir, 'uploads'));
        writeFileSync(join(dir, 'tool'), '');
        writeFileSync(join(dir, 'secret.php'), '');
        chmodSync(join(dir, 'uploads'), 0o3777);
        chmodSync(join(dir, 'index.php'), 0o666);
        chmodSync(join(dir, 'tool'), 0o4755);
        chmodSync(join(dir, 'secret.php'), 0o600);
      },
      ['--owner=4321', '--group=4321'],
    );
    expect(release('aaaaaaaa', 'v1', { archive }).code).toBe(0);
    const modeOf = (name: string) => (statSync(join(releases, 'aaaaaaaa', name)).mode & 0o7777).toString(8);
    expect(['.', 'uploads', 'index.php', 'tool', 'secret.php'].map(modeOf)).toEqual(['755', '755', '644', '755', '600']);
    expect(statSync(join(releases, 'aaaaaaaa', 'index.php'))).toMatchObject({ uid: process.getuid?.(), gid: process.getgid?.() });
  });

  it('refuses an archive holding a symlink, and leaves nothing of it', () => {
    const archive = archiveOf('v1', (dir) => symlinkSync('/etc/shadow', join(dir, 'shadow.txt')));
    const refused = release('aaaaaaaa', 'v1', { archive });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('release aaaaaaaa refused: it holds something other than files and folders:\nshadow.txt');
    expect(readdirSync(releases)).toEqual([]);
    expect(readFileSync(join(root, 'index.html'), 'utf8')).toBe('distribution page');
  });

  it('refuses a digest that is not one', () => {
    const options = {
      releasesDir: releases,
      documentRoot: root,
      digest: '../x',
      keep: 2,
      configTest: 'true',
      releaseCheck: 'true',
      reload: 'true',
      liveCheck: 'true',
    };
    expect(() => renderReleaseScript(options)).toThrow('not a hex digest');
  });
});

describe('renderReleaseDriftProbe', () => {
  it('finds a document root switched by hand and a release folder removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'release-drift-'));
    const options = { releasesDir: join(dir, 'releases'), documentRoot: join(dir, 'html'), digest: 'abc123' };
    const probe = () => spawnSync('sh', ['-c', bashScript(renderReleaseDriftProbe(options))], { encoding: 'utf8' }).stdout;
    mkdirSync(join(dir, 'releases/abc123'), { recursive: true });
    mkdirSync(join(dir, 'releases/old'));
    symlinkSync(join(dir, 'releases/abc123'), join(dir, 'html'));
    expect(probe()).toBe('');
    spawnSync('ln', ['-sfn', join(dir, 'releases/old'), join(dir, 'html')]);
    spawnSync('rm', ['-rf', join(dir, 'releases/abc123')]);
    expect(probe()).toBe(`${join(dir, 'html')}: links to ${join(dir, 'releases/old')}, deployed release abc123\n${join(dir, 'releases/abc123')}: missing\n`);
  });
});
