import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { fileDriftProbe, FileOwnership, reloadOnRestoreScript, removeFileScript, writeFileScript } from './config-file-scripts';

const rootOwned = { owner: String(process.getuid?.() ?? 0), group: String(process.getgid?.() ?? 0), mode: '0640' };

function run(lines: string[], stdin: string): { code: number; stderr: string } {
  try {
    execFileSync('sh', ['-c', bashScript(lines)], { input: stdin, stdio: 'pipe' });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { status: number; stderr: Buffer };
    return { code: failure.status, stderr: failure.stderr.toString() };
  }
}

describe('writeFileScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-file-'));
  const originals = join(dir, 'originals');
  const write = (path: string, validate?: string, ownership: FileOwnership = rootOwned, firstWrite = false) =>
    writeFileScript({ path, ownership, validate, originals, firstWrite });

  it('writes the content with the given mode, creating parent folders', () => {
    const path = join(dir, 'nested', 'app.conf');
    expect(run(write(path), 'a = 1\n').code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('a = 1\n');
    expect((statSync(path).mode & 0o777).toString(8)).toBe('640');
  });

  it('waits for a write of the same folder still running, and leaves none of its temporary files', async () => {
    const folder = join(dir, 'locked');
    const path = join(folder, 'slow.conf');
    const slow = spawn('bash', ['-c', bashScript(write(path, 'sleep 1'))], { stdio: ['pipe', 'ignore', 'ignore'] });
    slow.stdin.end('first\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    expect(run(write(join(folder, 'other.conf')), 'second\n').code).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(400);
    await new Promise((resolve) => slow.once('exit', resolve));
    expect(readdirSync(folder).sort()).toEqual(['other.conf', 'slow.conf']);
  });

  it('applies the mode to a file whose content is already right', () => {
    const path = join(dir, 'same.conf');
    writeFileSync(path, 'same\n', { mode: 0o644 });
    expect(run(write(path, undefined, { ...rootOwned, mode: '0600' }), 'same\n').code).toBe(0);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses content its check rejects, keeps the previous file and reports the check output', () => {
    const path = join(dir, 'checked.conf');
    writeFileSync(path, 'good\n');
    const validate = 'grep -q good "$CONFIG_FILE" || { echo "line 1: bad keyword"; exit 2; }';
    const result = run(write(path, validate), 'bad\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: bad keyword');
    expect(result.stderr).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe('good\n');
  });

  it('names the check by its label when it has one', () => {
    const path = join(dir, 'labelled.conf');
    const lines = writeFileScript({ path, ownership: rootOwned, validate: 'echo no; exit 1', validateLabel: 'the check', originals, firstWrite: false });
    expect(run(lines, 'x\n').stderr).toBe(`${path} was refused by the check; the previous file stays in place:\nno\n`);
  });

  it('removes a refused file that had no predecessor', () => {
    const path = join(dir, 'new.conf');
    expect(run(write(path, 'exit 1'), 'x\n').code).toBe(1);
    expect(existsSync(path)).toBe(false);
  });

  it('replaces the file when its check passes and leaves no temporary files', () => {
    const path = join(dir, 'accepted.conf');
    writeFileSync(path, 'old\n');
    expect(run(write(path, 'test -s "$CONFIG_FILE"'), 'new\n').code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(execFileSync('ls', [dir]).toString()).not.toContain('hastack-');
  });

  it('keeps the file found by the first write in the stack’s store, and destroy puts it back', () => {
    const path = join(dir, 'packaged.conf');
    writeFileSync(path, 'from the package\n');
    expect(run(write(path, undefined, rootOwned, true), 'ours\n').code).toBe(0);
    expect(readFileSync(join(originals, 'files', path), 'utf8')).toBe('from the package\n');
    expect(run(removeFileScript(path, originals), '').code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('from the package\n');
    expect(existsSync(originals)).toBe(false);
  });

  it('takes its own file for new when a first write runs again after an interrupted deployment', () => {
    const path = join(dir, 'interrupted.conf');
    expect(run(write(path, undefined, rootOwned, true), 'ours\n').code).toBe(0);
    expect(run(write(path, undefined, rootOwned, true), 'ours\n').code).toBe(0);
    expect(run(removeFileScript(path, originals), '').code).toBe(0);
    expect([path, originals].filter(existsSync)).toEqual([]);
  });

  it('forgets what a refused first write found, as the resource was never made', () => {
    const path = join(dir, 'refused-first.conf');
    writeFileSync(path, 'from the package\n');
    expect(run(write(path, 'exit 1', rootOwned, true), 'ours\n').code).toBe(1);
    expect(existsSync(originals)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('from the package\n');
  });
});

describe('fileDriftProbe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-drift-'));
  const ownership = { owner: 'root', group: 'root', mode: '0640' };
  const probe = (path: string, content: string) =>
    execFileSync('sh', ['-c', bashScript(fileDriftProbe(path, ownership))], { input: content, encoding: 'utf8' });

  it('prints nothing for the deployed file', () => {
    const path = join(dir, 'same.conf');
    expect(run(writeFileScript({ path, ownership, originals: join(dir, 'originals'), firstWrite: false }), 'a = 1\n').code).toBe(0);
    expect(probe(path, 'a = 1\n')).toBe('');
  });

  it('prints a line each for changed content, owner and mode, without the content', () => {
    const path = join(dir, 'edited.conf');
    writeFileSync(path, 'password = edited\n', { mode: 0o644 });
    execFileSync('chown', ['nobody:nogroup', path]);
    expect(probe(path, 'password = deployed\n').split('\n')).toEqual([
      `${path}: content differs from the deployed file`,
      `${path}: owner nobody:nogroup, deployed root:root`,
      `${path}: mode 0644, deployed 0640`,
      '',
    ]);
  });

  it('says a removed file is missing', () => {
    expect(probe(join(dir, 'gone.conf'), 'a = 1\n')).toBe(`${join(dir, 'gone.conf')}: missing\n`);
  });
});

describe('reloadOnRestoreScript', () => {
  it('reloads the running unit only when an update undoing drift put content back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reload-on-restore-'));
    writeFileSync(join(dir, 'systemctl'), `#!/bin/sh\necho "$*" >> ${join(dir, 'calls')}\n`, { mode: 0o755 });
    const calls = (replaced: string, drift?: string) => {
      writeFileSync(join(dir, 'calls'), '');
      const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, ...(drift ? { HASTACK_DRIFT: drift } : {}) };
      execFileSync('sh', ['-c', bashScript(reloadOnRestoreScript('keepalived', replaced))], { env });
      return readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
    };
    expect(calls('true', '/etc/keepalived/keepalived.conf: content differs from the deployed file')).toEqual([
      'is-active --quiet keepalived',
      'reload-or-restart keepalived',
    ]);
    expect(calls('false', '/etc/keepalived/keepalived.conf: mode 0644, deployed 0600')).toEqual(['']);
    expect(calls('true')).toEqual(['']);
  });
});
