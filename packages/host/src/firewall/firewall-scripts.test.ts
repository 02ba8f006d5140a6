import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bashScript } from '../shell';
import { closeFirewallScript, openFirewallScript, releaseSshScript, renderRichRules, renderSshRichRules, restrictSshScript } from './firewall-scripts';

describe('renderRichRules', () => {
  it('opens a port to each source, and VRRP as a protocol, not a port', () => {
    expect(
      renderRichRules([
        { port: 3306, protocol: 'tcp', sources: ['198.18.0.21', '198.18.0.0/24'], description: 'MariaDB from the web servers' },
        { protocol: 'vrrp', sources: ['198.18.0.12'], description: 'VRRP adverts of the peer director' },
        { port: 80, protocol: 'tcp', sources: [], description: 'HTTP from anywhere' },
      ]),
    ).toEqual([
      'rule family="ipv4" source address="198.18.0.21" port port="3306" protocol="tcp" accept',
      'rule family="ipv4" source address="198.18.0.0/24" port port="3306" protocol="tcp" accept',
      'rule family="ipv4" source address="198.18.0.12" protocol value="vrrp" accept',
      'rule family="ipv4" port port="80" protocol="tcp" accept',
    ]);
  });

  it('names every bad rule', () => {
    expect(() =>
      renderRichRules([
        { protocol: 'tcp', sources: [], description: 'no port' },
        { port: 112, protocol: 'vrrp', sources: ['198.18.0.300'], description: '' },
      ]),
    ).toThrow(
      'Firewall:\nrules[0].port: undefined is not a port (1..65535)\nrules[1].port: vrrp is a protocol of its own, without ports\n' +
        'rules[1].description: one non-empty line\nrules[1].sources[0]: "198.18.0.300" is not an IPv4 address or network',
    );
  });
});

// firewall-cmd replaced by a fake that keeps the permanent rules in a file and logs each call.
const FAKE = `#!/bin/bash
echo "$(basename "$0") $*" >> "$FW/log"
[ -z "\${FW_STOPPED:-}" ] || [ "$(basename "$0")" != firewall-cmd ] || [ "$1" != --state ] || exit 252
for arg in "$@"; do
  case "$arg" in
    --query-rich-rule=*) grep -qxF -- "\${arg#*=}" "$FW/rules"; exit ;;
    --add-rich-rule=*) echo "\${arg#*=}" >> "$FW/rules" ;;
    --remove-rich-rule=*) grep -vxF -- "\${arg#*=}" "$FW/rules" > "$FW/rules.new" || true; mv "$FW/rules.new" "$FW/rules" ;;
    --query-service=* | --query-port=*) grep -qxF -- "\${arg#--query-}" "$FW/openings"; exit ;;
    --add-service=* | --add-port=*) echo "\${arg#--add-}" >> "$FW/openings" ;;
    --remove-service=* | --remove-port=*) grep -vxF -- "\${arg#--remove-}" "$FW/openings" > "$FW/openings.new" || true; mv "$FW/openings.new" "$FW/openings" ;;
  esac
done
`;

describe('openFirewallScript and closeFirewallScript', () => {
  let fw: string;
  const mysql = 'rule family="ipv4" source address="198.18.0.21" port port="3306" protocol="tcp" accept';
  const vrrp = 'rule family="ipv4" source address="198.18.0.12" protocol value="vrrp" accept';
  const admins = 'rule family="ipv4" source address="10.0.0.0/8" port port="22" protocol="tcp" accept';

  beforeEach(() => {
    fw = mkdtempSync(join(tmpdir(), 'firewalld-'));
    const bin = join(fw, 'bin');
    spawnSync('mkdir', [bin]);
    for (const tool of ['firewall-cmd', 'firewall-offline-cmd']) {
      writeFileSync(join(bin, tool), FAKE);
      chmodSync(join(bin, tool), 0o755);
    }
    writeFileSync(join(fw, 'rules'), `${admins}\n`);
    writeFileSync(join(fw, 'openings'), 'service=ssh\nservice=dhcpv6-client\n');
    writeFileSync(join(fw, 'log'), '');
  });

  function run(lines: string[], previous = '', env: Record<string, string> = {}) {
    const result = spawnSync('sh', ['-c', bashScript(lines)], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${fw}/bin:${process.env.PATH}`, FW: fw, PULUMI_COMMAND_STDOUT: previous, ...env },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const rules = () => readFileSync(join(fw, 'rules'), 'utf8').split('\n').filter(Boolean);
  const log = () => readFileSync(join(fw, 'log'), 'utf8');

  it('adds the missing rules permanently, reloads, and records only what it added', () => {
    const result = run(openFirewallScript([mysql, vrrp, admins]));
    expect(result).toMatchObject({ code: 0, stdout: `${mysql}\n${vrrp}\n` });
    expect(rules()).toEqual([admins, mysql, vrrp]);
    expect(log()).toContain(`firewall-cmd --permanent --add-rich-rule=${vrrp}`);
    expect(log()).toMatch(/firewall-cmd --reload\n$/);
  });

  it('changes nothing, and does not reload, when every rule is in place', () => {
    const first = run(openFirewallScript([mysql, vrrp])).stdout;
    writeFileSync(join(fw, 'log'), '');
    expect(run(openFirewallScript([mysql, vrrp]), first)).toMatchObject({ code: 0, stdout: first });
    expect(log()).not.toMatch(/--add|--remove|--reload/);
  });

  it('removes a rule it added that is no longer wanted, and on destroy the rest, never one it found', () => {
    const first = run(openFirewallScript([mysql, vrrp, admins])).stdout;
    const second = run(openFirewallScript([vrrp, admins]), first).stdout;
    expect(rules()).toEqual([admins, vrrp]);
    expect(run(closeFirewallScript(), second).code).toBe(0);
    expect(rules()).toEqual([admins]);
  });

  it('writes the configuration on disk when firewalld is stopped', () => {
    expect(run(openFirewallScript([mysql]), '', { FW_STOPPED: '1' }).code).toBe(0);
    expect(log()).toContain(`firewall-offline-cmd --add-rich-rule=${mysql}`);
    expect(log()).not.toContain('--reload');
  });

  it('quotes each rule as one argument', () => {
    expect(openFirewallScript([mysql]).join('\n')).toContain(`wanted=('${mysql}')`);
  });

  it("lets only the admin sources reach SSH: their rules in, the zone's ssh service out; destroy gives it back", () => {
    const sshRules = renderSshRichRules(22, ['198.18.0.1', '10.9.0.0/16']);
    expect(sshRules).toEqual([
      'rule family="ipv4" source address="198.18.0.1" port port="22" protocol="tcp" accept',
      'rule family="ipv4" source address="10.9.0.0/16" port port="22" protocol="tcp" accept',
    ]);
    const openings = () => readFileSync(join(fw, 'openings'), 'utf8').split('\n').filter(Boolean);
    const first = run(restrictSshScript(22, sshRules));
    expect(first).toMatchObject({ code: 0, stdout: `${sshRules.join('\n')}\nremoved service ssh\n` });
    expect(rules()).toEqual([admins, ...sshRules]);
    expect(openings()).toEqual(['service=dhcpv6-client']);
    writeFileSync(join(fw, 'log'), '');
    const second = run(restrictSshScript(22, sshRules.slice(1)), first.stdout);
    expect(rules()).toEqual([admins, sshRules[1]]);
    expect(second.stdout).toBe(`${sshRules[1]}\nremoved service ssh\n`);
    expect(run(releaseSshScript(), second.stdout).code).toBe(0);
    expect(rules()).toEqual([admins]);
    expect(openings()).toEqual(['service=dhcpv6-client', 'service=ssh']);
  });

  it('leaves SSH as the zone has it without admin sources', () => {
    expect(run(restrictSshScript(22, []))).toMatchObject({ code: 0, stdout: '' });
    expect(log()).toBe('');
  });
});
