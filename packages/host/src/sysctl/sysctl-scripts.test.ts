import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { renderSysctlConf, SysctlSettings } from './render-sysctl-conf';
import { applySysctlScript, revertSysctlScript, sysctlDriftProbe, SysctlFiles } from './sysctl-scripts';

/**
 * A stand-in for procps' sysctl over a folder of one file per key: it refuses the value "999" the way
 * the kernel refuses an out-of-range one, goes on with the other keys and exits 1, as sysctl -p does.
 */
const FAKE_SYSCTL = `#!/bin/bash
set -u
set_key() {
  if [ ! -e "$KERNEL/$1" ]; then echo "sysctl: cannot stat /proc/sys/\${1//.//}: No such file or directory" >&2; return 1; fi
  if [ "$2" = 999 ]; then echo "sysctl: setting key \\"$1\\": Invalid argument" >&2; return 1; fi
  printf '%s' "$2" > "$KERNEL/$1"
}
case "$1" in
  -n) cat "$KERNEL/$2" 2>/dev/null || exit 255; echo ;;
  -e) shift; for key in "$@"; do [ -e "$KERNEL/$key" ] && echo "$key = $(cat "$KERNEL/$key")"; done; true ;;
  -q) file="$3"; [ "$file" = - ] && file=/dev/stdin; rc=0
      while IFS= read -r line; do [ -n "$line" ] || continue; set_key "\${line%% = *}" "\${line#* = }" || rc=1; done < "$file"
      exit $rc ;;
  *) echo "fake sysctl: unexpected $*" >&2; exit 2 ;;
esac
`;

describe('the sysctl scripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sysctl-'));
  const kernel = join(dir, 'kernel');
  const bin = join(dir, 'bin');
  const files: SysctlFiles = {
    file: join(dir, 'sysctl.d/90-hastack-lab-web1-arp.conf'),
    saved: join(dir, 'saved/lab-web1-arp.conf'),
    originals: join(dir, 'originals'),
  };
  const value = (key: string) => readFileSync(join(kernel, key), 'utf8');

  beforeAll(() => {
    mkdirSync(kernel);
    mkdirSync(bin);
    writeFileSync(join(bin, 'sysctl'), FAKE_SYSCTL);
    chmodSync(join(bin, 'sysctl'), 0o755);
    for (const [key, initial] of [
      ['net.a', '0'],
      ['net.b', '0'],
      ['net.c', '7'],
    ])
      writeFileSync(join(kernel, key), initial);
  });

  function run(lines: string[], stdin = '') {
    return spawnSync('sh', ['-c', bashScript(lines)], {
      input: stdin,
      encoding: 'utf8',
      env: { ...process.env, KERNEL: kernel, PATH: `${bin}:${process.env.PATH}` },
    });
  }
  const apply = (settings: SysctlSettings, firstWrite = false) =>
    run(applySysctlScript(files, Object.keys(settings).sort(), firstWrite), renderSysctlConf(settings));

  it('persists and applies the settings, keeping the values from before', () => {
    expect(apply({ 'net.a': 1, 'net.b': 2 }, true).status).toBe(0);
    expect(readFileSync(files.file, 'utf8')).toBe('net.a = 1\nnet.b = 2\n');
    expect([value('net.a'), value('net.b')]).toEqual(['1', '2']);
    expect(readFileSync(files.saved, 'utf8')).toBe('net.a = 0\nnet.b = 0\n');
  });

  it("rolls back a value the kernel refuses, file and values, with sysctl's message", () => {
    const result = apply({ 'net.a': 5, 'net.b': 999 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${files.file} was refused by sysctl -p`);
    expect(result.stderr).toContain('sysctl: setting key "net.b": Invalid argument');
    expect(readFileSync(files.file, 'utf8')).toBe('net.a = 1\nnet.b = 2\n');
    expect([value('net.a'), value('net.b')]).toEqual(['1', '2']);
  });

  it('applies the file again when its content is already there', () => {
    writeFileSync(join(kernel, 'net.a'), '4');
    expect(apply({ 'net.a': 1, 'net.b': 2 }).status).toBe(0);
    expect(value('net.a')).toBe('1');
  });

  it('gives a key no longer set the value it had before the stack', () => {
    expect(apply({ 'net.a': 1, 'net.c': 8 }).status).toBe(0);
    expect([value('net.a'), value('net.b'), value('net.c')]).toEqual(['1', '0', '8']);
    expect(readFileSync(files.saved, 'utf8')).toBe('net.a = 0\nnet.c = 7\n');
  });

  it('puts every value back and leaves no file on destroy', () => {
    expect(run(revertSysctlScript(files)).status).toBe(0);
    expect([value('net.a'), value('net.b'), value('net.c')]).toEqual(['0', '0', '7']);
    expect([files.file, files.saved, files.originals].filter(existsSync)).toEqual([]);
  });

  it('finds a value set by hand in the running kernel, and the settings file edited by hand', () => {
    const settings = { 'net.a': 1, 'net.c': 7 };
    expect(apply(settings).status).toBe(0);
    const probe = () => run(sysctlDriftProbe(files), renderSysctlConf(settings)).stdout;
    expect(probe()).toBe('');
    writeFileSync(join(kernel, 'net.a'), '3');
    expect(probe()).toBe('sysctl net.a: 3, deployed 1\n');
    writeFileSync(files.file, 'net.a = 3\nnet.c = 7\n');
    expect(probe()).toBe(`${files.file}: content differs from the deployed file\nsysctl net.a: 3, deployed 1\n`);
    expect(apply(settings).status).toBe(0);
    expect(probe()).toBe('');
  });
});
