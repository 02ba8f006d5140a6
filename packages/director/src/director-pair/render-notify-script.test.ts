import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepalivedConfigTest, renderNotifyScript, VRRP_STATE_DIR } from './render-notify-script';

/** A folder on PATH holding `name` as a script that prints `output` and exits with `status`, and logs its arguments. */
function fakeCommand(name: string, output: string, status: number): { dir: string; calls: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-'));
  const calls = join(dir, 'calls');
  writeFileSync(join(dir, name), `#!/bin/sh\necho "$*" >> '${calls}'\nprintf '%s\\n' '${output}'\nexit ${status}\n`);
  chmodSync(join(dir, name), 0o755);
  return { dir, calls };
}

describe('renderNotifyScript', () => {
  it("records the instance's new state in its file and in the journal, as keepalived calls it", () => {
    const state = mkdtempSync(join(tmpdir(), 'vrrp-'));
    const logger = fakeCommand('logger', '', 0);
    // The state folder is fixed in the script; the run points it at a temporary one.
    const script = renderNotifyScript().split(VRRP_STATE_DIR).join(state);
    const run = spawnSync('sh', ['-c', script, 'notify', 'INSTANCE', 'VI_51', 'MASTER', '150'], {
      env: { PATH: `${logger.dir}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(readFileSync(join(state, 'vrrp-VI_51.state'), 'utf8')).toBe('MASTER\n');
    expect(readFileSync(logger.calls, 'utf8')).toBe('-t hastack-vrrp instance VI_51 is now MASTER (priority 150)\n');
  });

  it('writes the state under the folder the status report and the monitoring checks read', () => {
    expect(renderNotifyScript()).toContain(`> "${VRRP_STATE_DIR}/vrrp-$2.state"`);
  });
});

describe('keepalivedConfigTest', () => {
  function check(output: string, status: number): { status: number | null; stdout: string; calls: string } {
    const keepalived = fakeCommand('keepalived', output, status);
    const run = spawnSync('bash', ['-c', keepalivedConfigTest()], {
      env: { PATH: `${keepalived.dir}:${process.env.PATH}`, CONFIG_FILE: '/tmp/candidate.conf' },
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, calls: readFileSync(keepalived.calls, 'utf8') };
  }

  it('tests the candidate file, not the live one', () => {
    expect(check('', 0)).toEqual({ status: 0, stdout: '', calls: '-t -l -f /tmp/candidate.conf\n' });
  });

  it("passes keepalived 2.2.7's own SIGTERM after a clean check", () => {
    expect(check('Terminated', 143).status).toBe(0);
  });

  it('refuses a config keepalived reports a line of, even when it then ends with SIGTERM, and prints the report', () => {
    expect(check('(Line 12) Unknown keyword vrrp_strict', 143)).toMatchObject({ status: 143, stdout: '(Line 12) Unknown keyword vrrp_strict\n' });
  });

  it('refuses any other failure with its status', () => {
    expect(check('config error', 1)).toMatchObject({ status: 1, stdout: 'config error\n' });
  });
});
