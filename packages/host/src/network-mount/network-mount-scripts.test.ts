import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { mountDriftProbe } from './network-mount-scripts';

describe('mountDriftProbe', () => {
  /** The probe's lines with stand-ins for `systemctl` and `mountpoint` that answer as told. */
  function probe(enabled: boolean, mounted: boolean): string {
    const bin = mkdtempSync(join(tmpdir(), 'mount-drift-'));
    writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\nexit ${enabled ? 0 : 1}\n`, { mode: 0o755 });
    writeFileSync(join(bin, 'mountpoint'), `#!/bin/sh\nexit ${mounted ? 0 : 32}\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    return spawnSync('sh', ['-c', bashScript(mountDriftProbe('mnt-mfs.mount', '/mnt/mfs'))], { encoding: 'utf8', env }).stdout;
  }

  it('prints nothing for a mounted share, and a line for a unit disabled or a share unmounted by hand', () => {
    expect(probe(true, true)).toBe('');
    expect(probe(false, false)).toBe('mnt-mfs.mount: not enabled\n/mnt/mfs: not mounted\n');
  });
});
