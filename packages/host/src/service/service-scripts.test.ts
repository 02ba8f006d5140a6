import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { applyChangeScript, disableScript, marksInput, serviceDriftProbe, startScript, triggerMark } from './service-scripts';

/** What the stand-in `systemctl` says of the unit. */
interface UnitState {
  running: boolean;
  enabled: boolean;
  /** Its file changed on disk since systemd read it. */
  changedOnDisk: boolean;
}

/**
 * Runs a script with a `systemctl` that only writes down what it was asked (and answers its questions from
 * `state`); returns those verbs but the questions, and the script's stdout.
 */
function run(lines: string[], input: string, previousStdout?: string, state: Partial<UnitState> = {}, drift?: string): { calls: string[]; stdout: string } {
  const { running = true, enabled = true, changedOnDisk = false } = state;
  const dir = mkdtempSync(join(tmpdir(), 'service-'));
  const log = join(dir, 'calls');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'systemctl'),
    [
      '#!/bin/sh',
      `echo "$*" >> ${log}`,
      'case "$1" in',
      `  is-active) exit ${running ? 0 : 3} ;;`,
      `  is-enabled) exit ${enabled ? 0 : 1} ;;`,
      `  show) echo ${changedOnDisk ? 'yes' : 'no'} ;;`,
      'esac',
    ].join('\n'),
  );
  chmodSync(join(dir, 'systemctl'), 0o755);
  const env = {
    ...process.env,
    PATH: `${dir}:${process.env.PATH}`,
    ...(previousStdout ? { PULUMI_COMMAND_STDOUT: previousStdout } : {}),
    ...(drift ? { HASTACK_DRIFT: drift } : {}),
  };
  let stdout = '';
  try {
    stdout = execFileSync('sh', ['-c', bashScript(lines)], { env, input, encoding: 'utf8' });
  } catch {
    // a stand-in that says "inactive" fails the final check; what was asked is what matters then
  }
  const calls = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter((call) => !/^(is-active|is-enabled|show) /.test(call));
  return { calls, stdout };
}

const marks = (restart: string[], reload: string[]) => marksInput({ restart: triggerMark('restart', restart), reload: triggerMark('reload', reload) });

describe('a service as one command', () => {
  const before = marks(['apache2=2.4.62'], ['conf-1']);
  const { stdout: firstRun } = run(startScript('apache2', 'restart'), before);

  it('restarts on creation a daemon its package started, so it takes the config written before it', () => {
    expect(run(startScript('apache2', 'restart'), before).calls).toEqual(['restart apache2']);
    expect(run(startScript('apache2', 'reload'), before).calls).toEqual(['reload-or-restart apache2']);
    expect(run(startScript('apache2', 'none'), before).calls).toEqual([]);
  });

  it('only enables and starts on creation a daemon that was not, never stopping it while it initialises', () => {
    expect(run(startScript('moosefs-master', 'restart'), before, undefined, { running: false, enabled: false }).calls).toEqual([
      'enable moosefs-master',
      'start moosefs-master',
    ]);
  });

  it('reads the units again on creation only when a unit file changed on disk', () => {
    expect(run(startScript('hastack-lvs-real.service', 'restart'), before, undefined, { changedOnDisk: true }).calls).toEqual([
      'daemon-reload',
      'restart hastack-lvs-real.service',
    ]);
  });

  it('reloads when only a config changed', () => {
    expect(run(applyChangeScript('apache2', 'reload'), marks(['apache2=2.4.62'], ['conf-2']), firstRun).calls).toEqual(['reload-or-restart apache2']);
  });

  it('restarts, and only restarts, when its software changed with or without its config', () => {
    expect(run(applyChangeScript('apache2', 'reload'), marks(['apache2=2.4.63'], ['conf-2']), firstRun).calls).toEqual(['restart apache2']);
  });

  it('restarts for a config change in restart mode', () => {
    expect(run(applyChangeScript('apache2', 'restart'), marks(['apache2=2.4.62'], ['conf-2']), firstRun).calls).toEqual(['restart apache2']);
  });

  it('neither reloads nor restarts when no trigger changed (an input of its own did)', () => {
    const again = run(applyChangeScript('apache2', 'reload'), before, firstRun);
    expect(again.calls).toEqual([]);
    expect(again.stdout).toBe(firstRun);
  });

  it('on a change, reads the units again only when its file changed on disk, and enables and starts it only when it is not', () => {
    const conf2 = marks(['apache2=2.4.62'], ['conf-2']);
    expect(run(applyChangeScript('apache2', 'reload'), conf2, firstRun, { changedOnDisk: true }).calls).toEqual(['daemon-reload', 'reload-or-restart apache2']);
    expect(run(applyChangeScript('apache2', 'reload'), conf2, firstRun, { enabled: false, running: false }).calls).toEqual([
      'enable apache2',
      'start apache2',
      'reload-or-restart apache2',
    ]);
  });
});

describe('drift of a service', () => {
  const deployed = marks(['keepalived=2.2.7'], ['conf-1']);
  const { stdout: firstRun } = run(startScript('keepalived', 'reload'), deployed);

  it('prints a line for a unit that is not enabled, one that is not running, then what the caller checks', () => {
    expect(run(serviceDriftProbe('nrpe', ['echo "VIP 10.0.0.1: not on lo"']), '', undefined, { running: false, enabled: false }).stdout).toBe(
      'nrpe: not enabled\nnrpe: not running\nVIP 10.0.0.1: not on lo\n',
    );
    expect(run(serviceDriftProbe('nrpe'), '').stdout).toBe('');
  });

  it('only starts a stopped service, and enables a disabled one, to undo their drift', () => {
    expect(run(applyChangeScript('nrpe', 'restart'), deployed, firstRun, { running: false }, 'nrpe: not running').calls).toEqual(['start nrpe']);
    expect(run(applyChangeScript('nrpe', 'restart'), deployed, firstRun, { enabled: false }, 'nrpe: not enabled').calls).toEqual(['enable nrpe']);
  });

  it('reloads a running service (restarts in restart mode) whose maintained state drifted', () => {
    const drift = 'VIP 10.0.0.1: not on lo';
    expect(run(applyChangeScript('lvs', 'reload'), deployed, firstRun, {}, drift).calls).toEqual(['reload-or-restart lvs']);
    expect(run(applyChangeScript('lvs', 'restart'), deployed, firstRun, {}, drift).calls).toEqual(['restart lvs']);
  });
});

describe('disableScript', () => {
  it("stops and disables a unit without Debian's SysV sync, and leaves a unit already gone alone", () => {
    const dir = mkdtempSync(join(tmpdir(), 'service-disable-'));
    const calls = join(dir, 'calls');
    const known = join(dir, 'known');
    writeFileSync(join(dir, 'systemctl'), `#!/bin/sh\necho "\${SYSTEMCTL_SKIP_SYSV:-sync} $*" >> ${calls}\n[ "$1" != cat ] || [ -e ${known} ]\n`, {
      mode: 0o755,
    });
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    const run = () => {
      writeFileSync(calls, '');
      execFileSync('sh', ['-c', bashScript(disableScript('keepalived'))], { env });
      return readFileSync(calls, 'utf8').trim().split('\n');
    };
    expect(run()).toEqual(['sync cat keepalived']);
    writeFileSync(known, '');
    expect(run()).toEqual(['sync cat keepalived', '1 disable --now keepalived']);
  });
});
