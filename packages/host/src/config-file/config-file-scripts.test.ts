import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { writeFileScript } from './config-file-scripts';

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

  it('writes the content with the given mode, creating parent folders', () => {
    const path = join(dir, 'nested', 'app.conf');
    expect(run(writeFileScript(path, rootOwned, undefined, false), 'a = 1\n').code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('a = 1\n');
    expect((statSync(path).mode & 0o777).toString(8)).toBe('640');
  });

  it('refuses content its check rejects, keeps the previous file and reports the check output', () => {
    const path = join(dir, 'checked.conf');
    writeFileSync(path, 'good\n');
    const validate = 'grep -q good "$CONFIG_FILE" || { echo "line 1: bad keyword"; exit 2; }';
    const result = run(writeFileScript(path, rootOwned, validate, false), 'bad\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: bad keyword');
    expect(result.stderr).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe('good\n');
  });

  it('removes a refused file that had no predecessor', () => {
    const path = join(dir, 'new.conf');
    expect(run(writeFileScript(path, rootOwned, 'exit 1', false), 'x\n').code).toBe(1);
    expect(existsSync(path)).toBe(false);
  });

  it('replaces the file when its check passes and leaves no temporary files', () => {
    const path = join(dir, 'accepted.conf');
    writeFileSync(path, 'old\n');
    expect(run(writeFileScript(path, rootOwned, 'test -s "$CONFIG_FILE"', false), 'new\n').code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(execFileSync('ls', [dir]).toString()).not.toContain('hastack-');
  });
});
