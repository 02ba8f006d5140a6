import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpsShell } from '@hastack/host';
import { recoverMaster, RecoverMasterArgs } from './recover-master';
import { metaloggerFilesScript, restoreMasterScript } from './recover-master-scripts';

/** A shell that answers from a table of script fragments and records what it ran and read. */
function fakeShell(name: string, answers: [string, string | (() => string)][]): OpsShell & { ran: { script: string; input?: string }[] } {
  const ran: { script: string; input?: string }[] = [];
  return {
    name,
    ran,
    async run(script, input) {
      ran.push({ script, input });
      const answer = answers.find(([fragment]) => script.includes(fragment))?.[1];
      if (answer === undefined) throw new Error(`${name}: unexpected script`);
      return typeof answer === 'function' ? answer() : answer;
    },
  };
}

const CS =
  'chunk servers:|198.18.0.42|9422|1|-|3.0.117|0|maintenance_off|10|1|2|0|0|0|0|0\nchunk servers:|198.18.0.43|9422|2|-|3.0.117|0|maintenance_off|10|1|2|0|0|0|0|0\n';

function setup(masterState: string) {
  const master = fakeShell('dfs-master', [
    ['mfsmaster -a', '/var/lib/mfs/recovered-x\n'],
    ['is-active', `${masterState}\n`],
    ['-SCS', CS],
  ]);
  const metalogger = fakeShell('dfs-chunk1', [['tar -cf -', 'VEFSCg==']]);
  const web1 = fakeShell('web1', [['.hastack-recovery-probe', 'web1\n']]);
  const lines: string[] = [];
  const args: RecoverMasterArgs = {
    master,
    masterAddress: '198.18.0.41',
    metalogger,
    chunkserverAddresses: ['198.18.0.42', '198.18.0.43'],
    clients: [{ shell: web1, mountPath: '/srv/shared' }],
    dataDir: '/var/lib/mfs',
    masterUnit: 'moosefs-master',
    log: (line) => lines.push(line),
    timeoutMs: 2000,
  };
  return { master, metalogger, web1, lines, args };
}

describe('recoverMaster', () => {
  it('refuses to roll back a running master unless forced, before touching anything', async () => {
    const { args, master, metalogger } = setup('running');
    await expect(recoverMaster(args)).rejects.toThrow('the MooseFS master on dfs-master is running');
    expect(master.ran).toHaveLength(1);
    expect(metalogger.ran).toHaveLength(0);
  });

  it("gives the metalogger's files to the master on stdin, then waits for every chunkserver and mount", async () => {
    const { args, master, web1, lines } = setup('stopped');
    const report = await recoverMaster(args);
    const restore = master.ran.find((step) => step.script.includes('mfsmaster -a'))!;
    expect(restore.input).toBe('VEFSCg==');
    expect(report.asideFolder).toBe('/var/lib/mfs/recovered-x');
    expect(web1.ran).toHaveLength(1);
    expect(lines.join('\n')).toContain('chunkservers connected: 198.18.0.42, 198.18.0.43');
  });

  it('fails naming what did not come back', async () => {
    const { args } = setup('stopped');
    await expect(recoverMaster({ ...args, chunkserverAddresses: ['198.18.0.42', '198.18.0.44'] })).rejects.toThrow('every chunkserver to connect');
  });
});

describe('the recovery scripts, run against a fake MooseFS', () => {
  const root = mkdtempSync(join(tmpdir(), 'mfs-recover-'));
  const bin = join(root, 'bin');
  const metaloggerDir = join(root, 'metalogger');
  const masterDir = join(root, 'master');
  for (const dir of [bin, metaloggerDir, masterDir]) execFileSync('mkdir', ['-p', dir]);
  // mfsmaster -a "rebuilds" metadata.mfs from what it finds; systemctl and chown only succeed.
  writeFileSync(join(bin, 'mfsmaster'), '#!/bin/sh\nif [ "$1" = -a ]; then cat metadata_ml.mfs.back changelog_ml.0.mfs > metadata.mfs; fi\n');
  writeFileSync(join(bin, 'systemctl'), '#!/bin/sh\nexit 0\n');
  writeFileSync(join(bin, 'chown'), '#!/bin/sh\nexit 0\n');
  for (const tool of ['mfsmaster', 'systemctl', 'chown']) chmodSync(join(bin, tool), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  const run = (script: string, input?: string) => execFileSync('sh', ['-c', script], { env, input, encoding: 'utf8' });

  it('refuses a metalogger without a metadata copy', () => {
    expect(() => run(metaloggerFilesScript(metaloggerDir))).toThrow();
  });

  it("rebuilds from the metalogger's copy and change logs, and keeps the master's own files aside, the package's empty file system in place", () => {
    writeFileSync(join(metaloggerDir, 'metadata_ml.mfs.back'), 'copy\n');
    writeFileSync(join(metaloggerDir, 'changelog_ml.0.mfs'), 'change\n');
    writeFileSync(join(masterDir, 'metadata.mfs.back'), 'damaged\n');
    writeFileSync(join(masterDir, 'metadata.mfs.empty'), 'empty\n');
    const files = run(metaloggerFilesScript(metaloggerDir));
    const aside = run(restoreMasterScript(masterDir, 'moosefs-master', 'mfs'), files).trim();
    expect(readFileSync(join(masterDir, 'metadata.mfs'), 'utf8')).toBe('copy\nchange\n');
    expect(readFileSync(join(aside, 'metadata.mfs.back'), 'utf8')).toBe('damaged\n');
    expect(existsSync(join(masterDir, 'metadata.mfs.back'))).toBe(false);
    expect(readFileSync(join(masterDir, 'metadata.mfs.empty'), 'utf8')).toBe('empty\n');
    expect(readdirSync(masterDir).filter((f) => f.startsWith('recovered-'))).toHaveLength(1);
  });
});
