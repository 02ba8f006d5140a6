import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { ensureSystemUserScript, removeSystemUserScript } from './system-user-scripts';

// The account tools are replaced by fakes that keep their database in two files, so that the test
// never touches the machine's users. Each fake logs its call.
const FAKES: Record<string, string> = {
  getent: 'grep -q "^$2:" "$DB/$1"',
  groupadd: 'echo "groupadd $*" >> "$DB/log"; [ -z "${FAIL_GROUPADD:-}" ] || exit 9; echo "${@: -1}:x:999:" >> "$DB/group"',
  useradd: 'echo "useradd $*" >> "$DB/log"; [ -z "${FAIL_USERADD:-}" ] || exit 9; echo "${@: -1}:x:999:999::/:/bin/false" >> "$DB/passwd"',
  usermod: 'echo "usermod $*" >> "$DB/log"',
  userdel: 'echo "userdel $*" >> "$DB/log"; sed -i "/^$1:/d" "$DB/passwd"',
  groupdel:
    'echo "groupdel $*" >> "$DB/log"; if grep -q "^$1:" "$DB/in-use" 2>/dev/null; then echo "cannot remove the primary group" >&2; exit 8; fi; sed -i "/^$1:/d" "$DB/group"',
};

describe('SystemUser scripts', () => {
  let db: string;
  let bin: string;
  let state: string;
  const spec = { user: 'mfs', group: 'mfs', home: '/var/lib/mfs', shell: '/usr/sbin/nologin' };

  beforeEach(() => {
    db = mkdtempSync(join(tmpdir(), 'accounts-'));
    bin = mkdtempSync(join(tmpdir(), 'account-tools-'));
    state = join(mkdtempSync(join(tmpdir(), 'user-state-')), 'stack');
    writeFileSync(join(db, 'passwd'), 'root:x:0:0::/root:/bin/bash\n');
    writeFileSync(join(db, 'group'), 'root:x:0:\n');
    for (const [tool, body] of Object.entries(FAKES)) {
      writeFileSync(join(bin, tool), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, tool), 0o755);
    }
  });

  function run(lines: string[], env: Record<string, string> = {}): { code: number; stderr: string } {
    const result = spawnSync('sh', ['-c', bashScript(lines)], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DB: db, ...env },
    });
    return { code: result.status ?? -1, stderr: result.stderr };
  }
  const log = () => (existsSync(join(db, 'log')) ? readFileSync(join(db, 'log'), 'utf8') : '');

  it('creates a system group and user, and removes both on destroy', () => {
    expect(run(ensureSystemUserScript(state, spec)).code).toBe(0);
    expect(log()).toBe('groupadd --system mfs\nuseradd --system --gid mfs --home-dir /var/lib/mfs --no-create-home --shell /usr/sbin/nologin mfs\n');
    expect(run(removeSystemUserScript(state, spec)).code).toBe(0);
    expect(log()).toContain('userdel mfs\ngroupdel mfs\n');
    expect(readFileSync(join(db, 'passwd'), 'utf8')).not.toContain('mfs');
    expect(existsSync(state)).toBe(false);
  });

  it('leaves a user and group it found alone, on create and on destroy', () => {
    writeFileSync(join(db, 'passwd'), 'mfs:x:998:998::/:/bin/false\n', { flag: 'a' });
    writeFileSync(join(db, 'group'), 'mfs:x:998:\n', { flag: 'a' });
    expect(run(ensureSystemUserScript(state, spec)).code).toBe(0);
    expect(run(removeSystemUserScript(state, spec)).code).toBe(0);
    expect(log()).toBe('');
    expect(existsSync(state)).toBe(false);
  });

  it('creates only the user when the group was there, and removes only the user', () => {
    writeFileSync(join(db, 'group'), 'www:x:33:\n', { flag: 'a' });
    const inWww = { ...spec, user: 'app', group: 'www' };
    expect(run(ensureSystemUserScript(state, inWww)).code).toBe(0);
    expect(run(removeSystemUserScript(state, inWww)).code).toBe(0);
    expect(log()).not.toContain('groupadd');
    expect(log()).not.toContain('groupdel');
    expect(log()).toContain('userdel app');
  });

  it('removes only the group it created when the user was there before', () => {
    writeFileSync(join(db, 'passwd'), 'mfs:x:998:100::/:/bin/false\n', { flag: 'a' });
    expect(run(ensureSystemUserScript(state, spec)).code).toBe(0);
    expect(run(removeSystemUserScript(state, spec)).code).toBe(0);
    expect(log()).toBe('groupadd --system mfs\ngroupdel mfs\n');
  });

  it('keeps its own user as declared on a rerun', () => {
    run(ensureSystemUserScript(state, spec));
    expect(run(ensureSystemUserScript(state, { ...spec, shell: '/bin/bash' })).code).toBe(0);
    expect(log()).toContain('usermod --gid mfs --home /var/lib/mfs --shell /bin/bash mfs');
  });

  it('still knows it made the group after a run that failed creating the user', () => {
    expect(run(ensureSystemUserScript(state, spec), { FAIL_USERADD: '1' }).code).not.toBe(0);
    expect(run(ensureSystemUserScript(state, spec)).code).toBe(0);
    expect(run(removeSystemUserScript(state, spec)).code).toBe(0);
    expect(log().match(/groupadd/g)).toHaveLength(1);
    expect(log()).toContain('groupdel mfs');
  });

  it('keeps a group something else now uses, and says so', () => {
    run(ensureSystemUserScript(state, spec));
    writeFileSync(join(db, 'in-use'), 'mfs:\n');
    const result = run(removeSystemUserScript(state, spec));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the group mfs is kept: something else uses it');
  });
});
