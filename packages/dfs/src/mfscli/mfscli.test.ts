import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chunkserversConnectedCommand,
  chunksUnderGoal,
  freeSpaceCommand,
  mfscliCommand,
  noUndergoalCommand,
  parseChunkClasses,
  parseChunkservers,
  parseExports,
  parseMetaloggers,
  parseMounts,
} from './mfscli';

// Captured from MooseFS 3.0.117 in the lab (mfscli -n -p -s '|').
const chunkservers = [
  'chunk servers:|198.18.0.42|9422|1|-|3.0.117|0|maintenance_off|1|20340695040|97793294336|-|0|0|0',
  'chunk servers:|198.18.0.43|9422|2|-|3.0.117|0|maintenance_off|1|20340690944|97793294336|-|0|0|0',
  '',
].join('\n');
const oneDown = [
  'chunk servers:|198.18.0.42|9422|1|-|3.0.117|0|maintenance_off|1|20340695040|97793294336|-|0|0|0',
  '',
  'Disconnected chunk servers:|198.18.0.43|9422|2|maintenance_tmp_on',
  '',
].join('\n');
const classes = (endangered: number) =>
  [
    'all chunks matrix:|goal/copies/chunks:|2|2|1',
    'all chunks matrix:|chunkclass missing:|0',
    `all chunks matrix:|chunkclass endangered:|${endangered}`,
    'all chunks matrix:|chunkclass undergoal:|1',
    'all chunks matrix:|chunkclass stable:|1',
    'all chunks matrix:|chunkclass overgoal:|0',
    'all chunks matrix:|chunkclass pending deletion:|0',
    '',
  ].join('\n');
const mounts = [
  'active mounts, parameters:|2|198.18.0.21|/srv/shared|1|1|3.0.117|/|rw|yes|no|yes|0|0|-|-|-|-|-|-|000|00000000',
  'active mounts, parameters:|3|198.18.0.22|/srv/shared|1|1|3.0.117|/|rw|yes|no|no|0|0|-|-|-|-|-|-|000|00000000',
  '',
  '',
  'inactive mounts, parameters:|1|198.18.0.21|/run/hastack-mfs-admin.aiGneb|0|86212',
  '',
].join('\n');

describe('mfscli parsers', () => {
  it('reads connected chunkservers with their space, and the disconnected ones', () => {
    expect(parseChunkservers(chunkservers).connected[1]).toEqual({
      address: '198.18.0.43',
      port: 9422,
      id: 2,
      version: '3.0.117',
      maintenance: 'maintenance_off',
      chunks: 1,
      usedBytes: 20340690944,
      totalBytes: 97793294336,
    });
    expect(parseChunkservers(oneDown)).toMatchObject({ connected: [{ address: '198.18.0.42' }], disconnected: [{ address: '198.18.0.43', port: 9422 }] });
  });

  it('counts chunks under goal over the missing, endangered and undergoal classes', () => {
    expect(parseChunkClasses(classes(3))).toEqual({ missing: 0, endangered: 3, undergoal: 1, stable: 1, overgoal: 0 });
    expect(chunksUnderGoal(parseChunkClasses(classes(3)))).toBe(4);
  });

  it('reads metaloggers, mounts (active or kept after their client left) and exports', () => {
    expect(parseMetaloggers('metadata backup loggers:|198.18.0.42|3.0.117\n')).toEqual([{ address: '198.18.0.42', version: '3.0.117' }]);
    expect(parseMounts(mounts).map((m) => [m.address, m.mountPoint, m.active])).toEqual([
      ['198.18.0.21', '/srv/shared', true],
      ['198.18.0.22', '/srv/shared', true],
      ['198.18.0.21', '/run/hastack-mfs-admin.aiGneb', false],
    ]);
    expect(parseExports('exports:|198.18.0.21|198.18.0.21|/|0.0.0|yes\n')).toEqual([{ from: '198.18.0.21', to: '198.18.0.21', path: '/' }]);
  });
});

describe('check commands', () => {
  // A stand-in mfscli that prints what the section asked for.
  function run(command: string, outputs: Record<string, string>): { code: number | null; out: string } {
    const bin = mkdtempSync(join(tmpdir(), 'fake-mfscli-'));
    for (const [section, text] of Object.entries(outputs)) writeFileSync(join(bin, section), text);
    writeFileSync(join(bin, 'mfscli'), `#!/bin/bash\ncat "${bin}/\${@: -1}"\n`);
    chmodSync(join(bin, 'mfscli'), 0o755);
    const result = spawnSync('bash', ['-c', command], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    return { code: result.status, out: result.stdout.trim() };
  }

  it('asks the master by address without resolving names', () => {
    expect(mfscliCommand('10.0.0.41', 'CS')).toBe("mfscli -H 10.0.0.41 -P 9421 -n -p -s '|' -SCS");
  });

  it('passes with every chunkserver connected and fails, saying how many, with one down', () => {
    expect(run(chunkserversConnectedCommand('10.0.0.41', 2), { '-SCS': chunkservers })).toEqual({ code: 0, out: '2 chunkservers connected' });
    expect(run(chunkserversConnectedCommand('10.0.0.41', 2), { '-SCS': oneDown })).toEqual({ code: 2, out: '1 of 2 chunkservers connected' });
  });

  it('says how much space the chunkservers have left: OK, WARNING and CRITICAL below the thresholds', () => {
    // 20.3 of 97.8 GB used on each: 79 % free.
    expect(run(freeSpaceCommand('10.0.0.41', [20, 10]), { '-SCS': chunkservers })).toEqual({ code: 0, out: 'OK: 79% free on the chunkservers' });
    expect(run(freeSpaceCommand('10.0.0.41', [85, 10]), { '-SCS': chunkservers })).toEqual({ code: 1, out: 'WARNING: 79% free on the chunkservers' });
    expect(run(freeSpaceCommand('10.0.0.41', [90, 80]), { '-SCS': chunkservers })).toEqual({ code: 2, out: 'CRITICAL: 79% free on the chunkservers' });
    expect(run(freeSpaceCommand('10.0.0.41', [20, 10]), { '-SCS': '' })).toEqual({ code: 2, out: 'CRITICAL: no chunkserver space' });
  });

  it('fails while chunks are under goal and passes when none are', () => {
    expect(run(noUndergoalCommand('10.0.0.41'), { '-SIC': classes(3) })).toEqual({ code: 2, out: '4 chunks under their goal' });
    expect(run(noUndergoalCommand('10.0.0.41'), { '-SIC': classes(0).replace('undergoal:|1', 'undergoal:|0') })).toEqual({
      code: 0,
      out: 'no chunk under its goal',
    });
  });
});
