import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { applyBaseScript, baseDriftProbe, fragmentDriftProbe, removeBaseScript, removeFragmentScript, writeFragmentScript } from './nftables-scripts';

// nft, systemctl and systemd-analyze replaced by fakes that log each call: nft's check refuses a file
// that says REFUSE, its load keeps a copy of the file as the kernel's table; the unit's stop deletes it.
const FAKES: Record<string, string> = {
  nft: `#!/bin/bash
echo "nft $*" >> "$FW/log"
case "$1 $2" in
  "-c -f") if grep -q REFUSE "$3"; then echo "$3:4:1-6: Error: syntax error, unexpected REFUSE" >&2; exit 1; fi ;;
  "-f "*) cp "$2" "$FW/table" ;;
  "list table") [ -e "$FW/table" ] && cat "$FW/table" ;;
  "delete table") [ -e "$FW/table" ] || { echo "Error: No such file or directory" >&2; exit 1; }; rm -f "$FW/table" ;;
esac
`,
  systemctl: `#!/bin/bash
echo "systemctl $*" >> "$FW/log"
case "$1" in
  is-active) [ -e "$FW/active" ] ;;
  start) touch "$FW/active" ;;
  disable) rm -f "$FW/active"; nft delete table inet hastack ;;
esac
`,
  'systemd-analyze': '#!/bin/bash\necho "systemd-analyze $*" >> "$FW/log"\n',
};

const BASE = 'table inet hastack\ndelete table inet hastack\ntable inet hastack {\n}\n';
const MYSQL = 'add rule inet hastack input ip saddr { 198.18.0.21 } tcp dport 3306 accept comment "MariaDB"\n';
const NRPE = 'add rule inet hastack input ip saddr { 198.18.0.51 } tcp dport 5666 accept comment "NRPE"\n';

describe('the nftables scripts', () => {
  let fw: string;
  let paths: { dir: string; unit: string };
  const base = (adminSources: string[] = []) => applyBaseScript({ paths, hostName: 'db1', adminSources, unit: '[Unit]\nDescription=test\n' });
  const fragment = (fileName: string) => ({ paths, hostName: 'db1', fileName });

  beforeEach(() => {
    fw = mkdtempSync(join(tmpdir(), 'nftables-'));
    mkdirSync(join(fw, 'bin'));
    mkdirSync(join(fw, 'units'));
    for (const [tool, text] of Object.entries(FAKES)) {
      writeFileSync(join(fw, 'bin', tool), text);
      chmodSync(join(fw, 'bin', tool), 0o755);
    }
    writeFileSync(join(fw, 'log'), '');
    paths = { dir: join(fw, 'etc/hastack/firewall'), unit: join(fw, 'units/hastack-firewall.service') };
  });

  function run(lines: string[], stdin = '', sshClient = '10.1.2.3 51234 22') {
    const result = spawnSync('sh', ['-c', bashScript(lines)], {
      input: stdin,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${fw}/bin:${process.env.PATH}`, FW: fw, SSH_CLIENT: sshClient },
    });
    return { code: result.status, stderr: result.stderr, stdout: result.stdout };
  }
  const read = (path: string) => readFileSync(path, 'utf8');
  const log = () => read(join(fw, 'log'));
  const table = () => (existsSync(join(fw, 'table')) ? read(join(fw, 'table')) : undefined);

  describe('applyBaseScript', () => {
    it('checks the ruleset, then installs base, unit and ruleset, loads the table and enables the unit', () => {
      expect(run(base(), BASE)).toMatchObject({ code: 0 });
      expect(read(join(paths.dir, 'base.nft'))).toBe(BASE);
      expect(read(join(paths.dir, 'ruleset.nft'))).toBe(BASE);
      expect(table()).toBe(BASE);
      expect(read(paths.unit)).toBe('[Unit]\nDescription=test\n');
      expect(log()).toMatch(
        /nft -c -f .*\/\.work\.\w+\/ruleset\.nft\nsystemd-analyze verify .*hastack-firewall\.service\nsystemctl daemon-reload\nnft -f .*\/ruleset\.nft\n/,
      );
      expect(log()).toMatch(
        /systemctl enable --quiet hastack-firewall.service\nsystemctl is-active --quiet hastack-firewall.service\nsystemctl start hastack-firewall.service\n$/,
      );
    });

    it('keeps the fragments after a new base, and reloads no unit that did not change', () => {
      run(base(), BASE);
      run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL);
      writeFileSync(join(fw, 'log'), '');
      const next = BASE.replace('{\n}', '{\n\tchain input {\n\t}\n}');
      expect(run(base(), next)).toMatchObject({ code: 0 });
      expect(table()).toBe(`${next}\n# rules.d/stack-db1-firewall.nft\n${MYSQL}`);
      expect(log()).not.toContain('daemon-reload');
      expect(log()).not.toContain('systemctl start');
    });

    it('changes nothing when nft refuses the ruleset, and says what nft said', () => {
      run(base(), BASE);
      const result = run(base(), `${BASE}REFUSE\n`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('host db1: nft refused the firewall ruleset; nothing changed:\n');
      expect(result.stderr).toContain('Error: syntax error, unexpected REFUSE');
      expect(read(join(paths.dir, 'base.nft'))).toBe(BASE);
      expect(table()).toBe(BASE);
    });

    it.each([
      ['an address in an admin network', '10.1.2.3 51234 22'],
      ['the admin address itself', '198.18.0.5 51234 22'],
      ['an IPv4 address in the mapped form of a dual-stack socket', '::ffff:10.200.0.1 51234 22'],
    ])('lets the deployment connect from %s', (_, sshClient) => {
      expect(run(base(['10.0.0.0/8', '198.18.0.5']), BASE, sshClient)).toMatchObject({ code: 0 });
    });

    it('lets any address connect through an admin network of /0', () => {
      expect(run(base(['0.0.0.0/0']), BASE, '203.0.113.9 51234 22').code).toBe(0);
    });

    it.each([
      ['an address outside every admin source', '198.18.0.50 51234 22', '198.18.0.50'],
      ['the first address past an admin network', '11.0.0.0 51234 22', '11.0.0.0'],
      ['an IPv6 address, which the IPv4 admin rule cannot admit', '2001:db8::7 51234 22', '2001:db8::7'],
      ['an unknown address', '', 'an unknown address (SSH_CLIENT is not set)'],
    ])('refuses a base that would lock out the deployment connecting from %s, before touching anything', (_, sshClient, named) => {
      const result = run(base(['10.0.0.0/8', '198.18.0.5']), BASE, sshClient);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `host db1: the firewall would refuse SSH from ${named}, the address this deployment connects from (the deploying machine or its bastion, ` +
          'as the host sees it), which is not among its admin sources (10.0.0.0/8, 198.18.0.5): add it to the admin list of the description; nothing changed\n',
      );
      expect(existsSync(paths.dir)).toBe(false);
      expect(log()).toBe('');
    });
  });

  describe('writeFragmentScript and removeFragmentScript', () => {
    beforeEach(() => run(base(), BASE));

    it('checks the host ruleset with the fragment in place before moving it in, then loads it', () => {
      expect(run(writeFragmentScript(fragment('stack-nrpe.nft')), NRPE)).toMatchObject({ code: 0 });
      expect(run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL)).toMatchObject({ code: 0 });
      const expected = `${BASE}\n# rules.d/stack-db1-firewall.nft\n${MYSQL}\n# rules.d/stack-nrpe.nft\n${NRPE}`;
      expect(read(join(paths.dir, 'ruleset.nft'))).toBe(expected);
      expect(table()).toBe(expected);
      expect(log()).toMatch(/nft -c -f .*\/\.work\.\w+\/ruleset\.nft\nnft -f .*\/ruleset\.nft\nnft list table inet hastack\n$/);
    });

    it('replaces its own fragment', () => {
      run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL);
      run(writeFragmentScript(fragment('stack-db1-firewall.nft')), NRPE);
      expect(table()).toBe(`${BASE}\n# rules.d/stack-db1-firewall.nft\n${NRPE}`);
    });

    it('leaves fragment, ruleset and table as they were when nft refuses the fragment', () => {
      run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL);
      const result = run(writeFragmentScript(fragment('stack-db1-firewall.nft')), 'REFUSE\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('host db1: nft refused the firewall ruleset; nothing changed:\n');
      expect(read(join(paths.dir, 'rules.d/stack-db1-firewall.nft'))).toBe(MYSQL);
      expect(table()).toBe(`${BASE}\n# rules.d/stack-db1-firewall.nft\n${MYSQL}`);
    });

    it('before the base, checks a fragment on an empty table and leaves it for the base to load with the others', () => {
      run(removeBaseScript(paths));
      expect(run(writeFragmentScript(fragment('stack-db1-firewall.nft')), 'REFUSE\n')).toMatchObject({ code: 1 });
      expect(run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL)).toMatchObject({ code: 0 });
      expect(table()).toBeUndefined();
      expect(run(base(), BASE)).toMatchObject({ code: 0 });
      expect(table()).toBe(`${BASE}\n# rules.d/stack-db1-firewall.nft\n${MYSQL}`);
    });

    it('on destroy removes the fragment and loads the rest', () => {
      run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL);
      run(writeFragmentScript(fragment('stack-nrpe.nft')), NRPE);
      expect(run(removeFragmentScript(fragment('stack-db1-firewall.nft')))).toMatchObject({ code: 0 });
      expect(existsSync(join(paths.dir, 'rules.d/stack-db1-firewall.nft'))).toBe(false);
      expect(table()).toBe(`${BASE}\n# rules.d/stack-nrpe.nft\n${NRPE}`);
    });

    it('on destroy after the base only removes the file, and without the folder does nothing', () => {
      run(writeFragmentScript(fragment('stack-db1-firewall.nft')), MYSQL);
      // A fragment another stack left behind outlives the base.
      run(writeFragmentScript(fragment('other-db1-firewall.nft')), NRPE);
      run(removeBaseScript(paths));
      writeFileSync(join(fw, 'log'), '');
      expect(run(removeFragmentScript(fragment('stack-db1-firewall.nft')))).toMatchObject({ code: 0 });
      expect(existsSync(join(paths.dir, 'rules.d/stack-db1-firewall.nft'))).toBe(false);
      expect(log()).toBe('');
      run(removeFragmentScript(fragment('other-db1-firewall.nft')));
      expect(existsSync(paths.dir)).toBe(false);
      expect(run(removeFragmentScript(fragment('other-db1-firewall.nft')))).toMatchObject({ code: 0 });
      expect(existsSync(paths.dir)).toBe(false);
    });
  });

  describe('removeBaseScript', () => {
    it('stops and removes the unit, deletes the table, and removes the files and the folders it leaves empty', () => {
      run(base(), BASE);
      expect(run(removeBaseScript(paths))).toMatchObject({ code: 0 });
      expect(table()).toBeUndefined();
      expect(existsSync(paths.unit)).toBe(false);
      expect(existsSync(join(fw, 'etc/hastack'))).toBe(false);
      expect(log()).toContain('systemctl disable --now --quiet hastack-firewall.service\nnft delete table inet hastack\nsystemctl daemon-reload\n');
    });

    it('deletes a table the unit no longer held, and runs again without complaint', () => {
      run(base(), BASE);
      run(['rm -f "$FW/active" "$UNIT"'.replace('$UNIT', paths.unit)]);
      expect(run(removeBaseScript(paths))).toMatchObject({ code: 0 });
      expect(table()).toBeUndefined();
      expect(run(removeBaseScript(paths))).toMatchObject({ code: 0 });
    });
  });

  describe('drift', () => {
    it('finds a table changed or dropped by hand and a fragment file edited, and nothing on the table as loaded', () => {
      expect(run(writeFragmentScript(fragment('mysql.nft')), MYSQL).code).toBe(0);
      expect(run(base(), BASE).code).toBe(0);
      expect(run(baseDriftProbe(paths), BASE).stdout).toBe('');
      expect(run(fragmentDriftProbe(fragment('mysql.nft')), MYSQL).stdout).toBe('');
      writeFileSync(join(fw, 'table'), 'a rule added by hand\n', { flag: 'a' });
      expect(run(baseDriftProbe(paths), BASE).stdout).toBe('nftables table inet hastack: its rules changed since a deployment loaded them\n');
      expect(run(base(), BASE).code).toBe(0);
      expect(run(baseDriftProbe(paths), BASE).stdout).toBe('');
      run(['nft delete table inet hastack']);
      expect(run(baseDriftProbe(paths), BASE).stdout).toBe('nftables table inet hastack: not loaded\n');
      writeFileSync(join(paths.dir, 'rules.d/mysql.nft'), NRPE);
      expect(run(fragmentDriftProbe(fragment('mysql.nft')), MYSQL).stdout).toBe(
        `${join(paths.dir, 'rules.d/mysql.nft')}: content differs from the deployed file\n`,
      );
    });
  });
});
