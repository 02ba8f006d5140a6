import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineHost } from '@hastack/host';
import { directorChecks, ipvsServiceKey } from './checks';

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
  const [keepalived, vip] = directorChecks(director, ['198.18.0.100', '198.18.0.101'], { port: 80, realServers: 2 });

  it('checks keepalived on the director', () => {
    expect(keepalived).toMatchObject({ host: 'director1', name: 'keepalived', runsOn: 'host' });
    expect(run(String(keepalived.command), [])).toEqual({ status: 0, out: 'OK: keepalived running' });
    expect(run(String(keepalived.command), [], 3)).toEqual({ status: 2, out: 'CRITICAL: keepalived not running' });
  });

  it('is OK holding all VIPs or none, CRITICAL holding some', () => {
    expect(run(String(vip.command), ['198.18.0.11', '198.18.0.100', '198.18.0.101'])).toEqual({ status: 0, out: 'OK: holds the VIPs (MASTER)' });
    expect(run(String(vip.command), ['198.18.0.11'])).toEqual({ status: 0, out: 'OK: holds no VIP (BACKUP)' });
    expect(run(String(vip.command), ['198.18.0.11', '198.18.0.100'])).toEqual({ status: 2, out: 'CRITICAL: holds 1 of 2 VIPs' });
  });

  it('gives one-line commands', () => {
    for (const check of directorChecks(director, ['198.18.0.100'], { port: 80, realServers: 2 })) {
      expect(check.command).not.toMatch(/\n/);
      expect(execFileSync('bash', ['-n', '-c', String(check.command)]).toString()).toBe('');
    }
  });
});

describe('the IPVS pool check', () => {
  const [, , pool] = directorChecks(director, ['198.18.0.100'], { port: 80, realServers: 2 });
  const ipVs = (weights: number[]) =>
    [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port Forward Weight ActiveConn InActConn',
      'TCP  C6120065:0050 wrr',
      '  -> C6120015:0050      Route   1      0          0',
      'TCP  C6120064:0050 wrr',
      ...weights.map((weight, i) => `  -> C612001${5 + i}:0050      Route   ${weight}      0          0`),
    ].join('\n');
  /** Runs the check with /proc/net/ip_vs replaced by a file of the given pool. */
  function runPool(weights: number[]) {
    const dir = mkdtempSync(join(tmpdir(), 'ipvs-'));
    writeFileSync(join(dir, 'ip_vs'), `${ipVs(weights)}\n`);
    const result = spawnSync('bash', ['-c', String(pool.command).replace('/proc/net/ip_vs', join(dir, 'ip_vs'))]);
    return { status: result.status, out: result.stdout.toString().trim() };
  }

  it('names the VIP as the kernel does', () => expect(ipvsServiceKey('198.18.0.100', 80)).toBe('TCP C6120064:0050'));

  it('counts the live real servers of its VIP only: all OK, some WARNING, none CRITICAL', () => {
    expect(pool.name).toBe('ipvs');
    expect(runPool([1, 1])).toEqual({ status: 0, out: 'OK: 2 of 2 real servers in the pool of 198.18.0.100' });
    expect(runPool([1, 0])).toEqual({ status: 1, out: 'WARNING: 1 of 2 real servers in the pool of 198.18.0.100' });
    expect(runPool([])).toEqual({ status: 2, out: 'CRITICAL: no real server in the pool of 198.18.0.100' });
  });
});
