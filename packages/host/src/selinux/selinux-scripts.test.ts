import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { booleanProblems, disableBooleansScript, enableBooleansScript } from './selinux-scripts';

// The SELinux tools replaced by fakes that keep each boolean's value in a file and log changes.
const FAKES: Record<string, string> = {
  getenforce: 'cat "$SE/mode"',
  getsebool: '[ -e "$SE/$1" ] || { echo "Error getting active value for $1" >&2; exit 1; }; echo "$1 --> $(cat "$SE/$1")"',
  setsebool: 'echo "setsebool $*" >> "$SE/log"; [ "$1" = -P ] && echo "$3" > "$SE/$2"',
};

describe('SELinux boolean scripts', () => {
  let se: string;
  beforeEach(() => {
    se = mkdtempSync(join(tmpdir(), 'selinux-'));
    mkdirSync(join(se, 'bin'));
    for (const [tool, body] of Object.entries(FAKES)) {
      writeFileSync(join(se, 'bin', tool), `#!/bin/bash\n${body}\n`);
      chmodSync(join(se, 'bin', tool), 0o755);
    }
    writeFileSync(join(se, 'mode'), 'Enforcing\n');
    writeFileSync(join(se, 'httpd_can_network_connect_db'), 'off\n');
    writeFileSync(join(se, 'httpd_use_fusefs'), 'off\n');
    writeFileSync(join(se, 'httpd_can_network_connect'), 'on\n');
    writeFileSync(join(se, 'log'), '');
  });

  function run(lines: string[], previous = '') {
    const result = spawnSync('sh', ['-c', bashScript(lines)], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${se}/bin:${process.env.PATH}`, SE: se, PULUMI_COMMAND_STDOUT: previous },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const value = (name: string) => readFileSync(join(se, name), 'utf8').trim();

  it('switches the booleans on persistently and records those it switched', () => {
    const result = run(enableBooleansScript(['httpd_can_network_connect_db', 'httpd_use_fusefs', 'httpd_can_network_connect']));
    expect(result).toMatchObject({ code: 0, stdout: 'httpd_can_network_connect_db\nhttpd_use_fusefs\n' });
    expect(readFileSync(join(se, 'log'), 'utf8')).toBe('setsebool -P httpd_can_network_connect_db on\nsetsebool -P httpd_use_fusefs on\n');
  });

  it('switches back off, on update and on destroy, only what it switched on', () => {
    const first = run(enableBooleansScript(['httpd_can_network_connect_db', 'httpd_use_fusefs', 'httpd_can_network_connect'])).stdout;
    const second = run(enableBooleansScript(['httpd_use_fusefs', 'httpd_can_network_connect']), first).stdout;
    expect(second).toBe('httpd_use_fusefs\n');
    expect(value('httpd_can_network_connect_db')).toBe('off');
    expect(run(disableBooleansScript(), second).code).toBe(0);
    expect(value('httpd_use_fusefs')).toBe('off');
    expect(value('httpd_can_network_connect')).toBe('on');
  });

  it('fails with the tool message for a boolean the policy lacks', () => {
    expect(run(enableBooleansScript(['no_such_boolean'])).stderr).toContain('Error getting active value for no_such_boolean');
  });

  it('sets nothing where SELinux is disabled', () => {
    writeFileSync(join(se, 'mode'), 'Disabled\n');
    expect(run(enableBooleansScript(['httpd_use_fusefs']))).toMatchObject({ code: 0, stdout: '' });
    expect(value('httpd_use_fusefs')).toBe('off');
  });

  it('names a bad boolean', () => {
    expect(booleanProblems(['httpd_use_fusefs', 'x; reboot'])).toEqual(['booleans[1]: "x; reboot" is not an SELinux boolean name']);
  });
});
