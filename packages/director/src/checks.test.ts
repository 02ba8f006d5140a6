import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineHost } from '@hastack/host';
import { directorChecks } from './checks';

const director = defineHost({ name: 'director1', address: '198.18.0.11', os: 'debian-12', privateKey: 'k' });

/** Runs a check with `ip` answering the given addresses and `systemctl` the given exit status. */
function run(command: string, addresses: string[], systemctlStatus = 0): { status: number | null; out: string } {
  const bin = mkdtempSync(join(tmpdir(), 'director-checks-'));
  const lines = addresses.map((a) => `echo "2: eth0    inet ${a}/24 scope global eth0"`).join('\n');
  writeFileSync(join(bin, 'ip'), `#!/bin/sh\n${lines}\n`, { mode: 0o755 });
  writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\nexit ${systemctlStatus}\n`, { mode: 0o755 });
  const result = spawnSync('bash', ['-c', command], { env: { PATH: `${bin}:${process.env.PATH}` } });
  return { status: result.status, out: result.stdout.toString().trim() };
}

describe('directorChecks', () => {
  const [keepalived, vip] = directorChecks(director, ['198.18.0.100', '198.18.0.101']);

  it('checks keepalived on the director', () => {
    expect(keepalived).toMatchObject({ host: 'director1', name: 'keepalived', runsOn: 'host' });
    expect(run(keepalived.command, [])).toEqual({ status: 0, out: 'OK: keepalived running' });
    expect(run(keepalived.command, [], 3)).toEqual({ status: 2, out: 'CRITICAL: keepalived not running' });
  });

  it('is OK holding all VIPs or none, CRITICAL holding some', () => {
    expect(run(vip.command, ['198.18.0.11', '198.18.0.100', '198.18.0.101'])).toEqual({ status: 0, out: 'OK: holds the VIPs (MASTER)' });
    expect(run(vip.command, ['198.18.0.11'])).toEqual({ status: 0, out: 'OK: holds no VIP (BACKUP)' });
    expect(run(vip.command, ['198.18.0.11', '198.18.0.100'])).toEqual({ status: 2, out: 'CRITICAL: holds 1 of 2 VIPs' });
  });

  it('gives one-line commands', () => {
    for (const check of directorChecks(director, ['198.18.0.100'])) expect(check.command).not.toMatch(/\n/);
    expect(execFileSync('bash', ['-n', '-c', vip.command]).toString()).toBe('');
  });
});
