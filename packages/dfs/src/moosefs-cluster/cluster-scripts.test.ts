import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { dataOwnerStep, goalStep, masterConfigCheck, metadataInitStep } from './cluster-scripts';

const user = userInfo().username;

function bash(script: string, path?: string): { code: number | null; out: string } {
  const env = path ? { ...process.env, PATH: `${path}:${process.env.PATH}` } : process.env;
  const result = spawnSync('bash', ['-c', `set -euo pipefail\n${script}`], { env, encoding: 'utf8', timeout: 20000 });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe('masterConfigCheck', () => {
  // A stand-in for mfsmaster that prints what 3.0.117 prints in the foreground and keeps running.
  const bin = mkdtempSync(join(tmpdir(), 'fake-mfsmaster-'));
  const seen = join(bin, 'seen.cfg');
  writeFileSync(
    join(bin, 'mfsmaster'),
    [
      '#!/bin/bash',
      `cp "$2" ${seen}`,
      'if grep -q BROKEN "$2"; then',
      '  echo "mfsmaster-check[1]: mfsexports: incorrect ip/network definition in line: 2"',
      '  echo "mfsexports: incorrect ip/network definition in line: 2"',
      'fi',
      'echo "mfsmaster daemon initialized properly"',
      'exec sleep 30',
    ].join('\n'),
  );
  chmodSync(join(bin, 'mfsmaster'), 0o755);
  const config = join(bin, 'mfsmaster.cfg');
  const empty = join(bin, 'metadata.mfs.empty');
  writeFileSync(empty, 'MFSM NEW');
  const check = masterConfigCheck({ configPath: config, dataPath: '/var/lib/mfs', emptyMetadata: empty, user });

  it('passes a configuration the scratch master starts with, and overrides what could touch the live one', () => {
    writeFileSync(config, 'DATA_PATH = /var/lib/mfs\nMATOCL_LISTEN_HOST = 10.0.0.41\n');
    const result = bash(check, bin);
    expect(result).toEqual({ code: 0, out: '' });
    const lines = readFileSync(seen, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('DATA_PATH = /var/lib/mfs');
    expect(lines).toEqual(
      expect.arrayContaining(['MATOCL_LISTEN_HOST = 127.0.0.1', 'MATOCL_LISTEN_PORT = 0', 'MATOCS_LISTEN_PORT = 0', 'MATOML_LISTEN_PORT = 0']),
    );
    expect(lines.slice(1).some((line) => line.startsWith('DATA_PATH = /var/tmp/hastack-mfsmaster-check.'))).toBe(true);
  });

  it("fails with the master's own words when it warns about a line, and leaves no scratch master behind", () => {
    writeFileSync(config, 'BROKEN\n');
    const result = bash(check, bin);
    expect(result.code).toBe(1);
    expect(result.out).toBe('mfsmaster refuses the candidate mfsmaster.cfg/mfsexports.cfg:\nmfsexports: incorrect ip/network definition in line: 2\n');
    expect(spawnSync('pgrep', ['-f', `^sleep 30$`]).stdout.toString()).toBe('');
  });
});

describe('metadataInitStep', () => {
  it('initialises an empty data folder once, and never one that holds a file system', () => {
    const data = mkdtempSync(join(tmpdir(), 'mfs-data-'));
    const empty = join(data, 'metadata.mfs.empty');
    writeFileSync(empty, 'MFSM NEW');
    // A stand-in mfsmaster: stopping it dumps "real" metadata over the marker, as the daemon does.
    const bin = mkdtempSync(join(tmpdir(), 'mfs-bin-'));
    writeFileSync(join(bin, 'mfsmaster'), `#!/bin/sh\necho "$*" >> ${bin}/calls\n[ "$3" = stop ] && printf 'MFSM 2.0' > ${data}/metadata.mfs\nexit 0\n`);
    chmodSync(join(bin, 'mfsmaster'), 0o755);
    const step = metadataInitStep({ configPath: '/etc/mfs/mfsmaster.cfg', dataPath: data, emptyMetadata: empty, user });
    expect(bash(step.check).code).not.toBe(0);
    expect(bash(`PATH=${bin}:$PATH\n${step.run}`).code).toBe(0);
    expect(readFileSync(join(bin, 'calls'), 'utf8')).toBe('-c /etc/mfs/mfsmaster.cfg start\n-c /etc/mfs/mfsmaster.cfg stop\n');
    expect(readFileSync(join(data, 'metadata.mfs'), 'utf8')).toBe('MFSM 2.0');
    expect(bash(step.check).code).toBe(0);

    for (const left of ['metadata.mfs.back', 'changelog.3.mfs']) {
      const crashed = mkdtempSync(join(tmpdir(), 'mfs-data-'));
      writeFileSync(join(crashed, left), '');
      expect(bash(metadataInitStep({ configPath: '/x', dataPath: crashed, emptyMetadata: empty, user }).check).code).toBe(0);
      expect(existsSync(join(crashed, 'metadata.mfs'))).toBe(false);
    }
  });
});

describe('goalStep', () => {
  it('mounts the master, whose address is the input, for administration and sets the goal recursively', () => {
    const step = goalStep(3);
    expect(step.run).toContain('master="$(cat "$STEP_INPUT")"');
    expect(step.run).toContain('mfsmount "$admin" -H "$master" -P 9421');
    expect(step.run).toContain('mfssetgoal -r 3 "$admin"');
    expect(step.check).toContain('= 3');
    expect(step.check).toContain('umount "$admin"');
  });

  it('waits for a master that is not listening yet before it mounts', async () => {
    // A stand-in for mfsmount that says whether the master's port was open when it was called.
    const bin = mkdtempSync(join(tmpdir(), 'fake-mfsmount-'));
    writeFileSync(join(bin, 'mfsmount'), '#!/bin/bash\n(exec 3<>/dev/tcp/127.0.0.1/9421) && echo "master was listening"\n');
    writeFileSync(join(bin, 'mfssetgoal'), '#!/bin/bash\n');
    chmodSync(join(bin, 'mfsmount'), 0o755);
    chmodSync(join(bin, 'mfssetgoal'), 0o755);
    const input = join(bin, 'input');
    writeFileSync(input, '127.0.0.1');
    const script = goalStep(2).run.replace('-P 9421 >/dev/null', '-P 9421');
    const run = new Promise<string>((resolve) => {
      const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, STEP_INPUT: input },
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('close', () => resolve(out));
    });
    const master = createServer((socket) => socket.end());
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await new Promise<void>((resolve, reject) => master.once('error', reject).listen(9421, '127.0.0.1', resolve));
    try {
      expect(await run).toContain('master was listening');
    } finally {
      master.close();
    }
  }, 20000);
});

describe('dataOwnerStep', () => {
  it('is done when every file belongs to the account, and gives them all to it otherwise', () => {
    const data = mkdtempSync(join(tmpdir(), 'mfs-kept-'));
    writeFileSync(join(data, 'metadata.mfs'), '');
    const step = dataOwnerStep([data, '/srv/mfs-chunks'], user);
    expect(bash(dataOwnerStep([data], user).check).code).toBe(0);
    expect(step.check).toContain(`find ${data} /srv/mfs-chunks ! -user ${user} -print -quit`);
    expect(step.run).toBe(`chown -R ${user}:${user} ${data} /srv/mfs-chunks`);
  });
});
