import * as pulumi from '@pulumi/pulumi';
import { recordResources, settle, valueOf, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { SelinuxBooleans, selinuxBooleansFor } from '../selinux';
import { Firewall, firewallFor } from './firewall';
import { firewallBaseFor } from './firewall-base';

const recorded = recordResources();
const el9 = defineHost({ name: 'db1-el9', address: '198.18.0.31', os: 'rocky-9', privateKey: 'KEY' });
const debian12 = defineHost({ name: 'db1-debian12', address: '198.18.0.31', os: 'debian-12', privateKey: 'KEY' });
const rules = [
  { port: 3306, protocol: 'tcp' as const, sources: ['198.18.0.21', '198.18.0.22'], description: 'MariaDB from the web servers' },
  { protocol: 'vrrp' as const, sources: ['198.18.0.12'], description: 'VRRP from the peer director' },
];
const commandsOf = (prefix: string) => recorded.filter((r) => r.type === 'command:remote:Command' && r.name.startsWith(prefix));
const named = (name: string) => recorded.filter((r) => r.name === name);

describe('Firewall and SelinuxBooleans, by OS profile', () => {
  beforeAll(async () => {
    for (const host of [el9, debian12]) {
      new Firewall(`${host.name}-fw`, { host, rules });
      new SelinuxBooleans(`${host.name}-se`, { host, booleans: ['httpd_can_network_connect_db', 'httpd_use_fusefs'] });
    }
    await settle();
  });

  it('EL9: opens each port to each source and VRRP as a protocol, with firewall-cmd --permanent and a reload', async () => {
    const [command] = commandsOf('db1-el9-fw');
    const script = String(command.inputs.create);
    expect(script).toContain('rule family="ipv4" source address="198.18.0.22" port port="3306" protocol="tcp" accept');
    expect(script).toContain('rule family="ipv4" source address="198.18.0.12" protocol value="vrrp" accept');
    expect(script).toContain('fw=(firewall-cmd --permanent)');
    expect(script).toContain('firewall-cmd --reload');
    expect(command.inputs.delete).toContain('--remove-rich-rule');
  });

  it('EL9: switches the booleans on with setsebool -P', () => {
    const [command] = commandsOf('db1-el9-se');
    expect(command.inputs.create).toContain('wanted=(httpd_can_network_connect_db httpd_use_fusefs)');
    expect(command.inputs.create).toContain('setsebool -P "$b" on');
  });

  it('Debian 12: switches no SELinux boolean', () => {
    expect(commandsOf('db1-debian12-se')).toEqual([]);
  });

  it('Debian 12: writes the rules as an nftables fragment, checked with the rest of the ruleset before it is moved in', () => {
    const [command] = commandsOf('db1-debian12-fw');
    expect(command.name).toBe('db1-debian12-fw-fragment');
    expect(command.inputs.stdin).toBe(
      [
        '# Rendered by hastack (host layer).',
        'add rule inet hastack input ip saddr { 198.18.0.21, 198.18.0.22 } tcp dport 3306 accept comment "MariaDB from the web servers"',
        'add rule inet hastack input ip saddr { 198.18.0.12 } ip protocol 112 accept comment "VRRP from the peer director"',
        '',
      ].join('\n'),
    );
    expect(command.inputs.create).toContain('file=stack-db1-debian12-fw.nft');
    expect(command.inputs.create).toContain('nft -c -f');
    expect(command.inputs.delete).toContain('rm -f "$dir/rules.d/$file"');
  });

  it('Debian 12: builds one base per host, whatever the number of its firewalls: the package, then the table and its unit', async () => {
    new Firewall('db1-debian12-fw2', { host: debian12, rules });
    await settle();
    expect(named('db1-debian12-firewall-base').map((r) => r.type)).toEqual(['hastack:host:FirewallBase']);
    expect(firewallBaseFor(debian12).base).toBe(firewallBaseFor(debian12).base);
    const [install] = named('db1-debian12-firewall-base-package-install');
    expect(install.inputs.create).toContain('set -- nftables');
    const [apply] = named('db1-debian12-firewall-base-apply');
    expect(apply.inputs.stdin).toContain('\t\ttcp dport 22 accept comment "SSH from anywhere (no admin sources)"\n');
    expect(apply.inputs.create).toContain('ExecStart=/usr/sbin/nft -f /etc/hastack/firewall/ruleset.nft');
    expect(apply.inputs.create).not.toContain('SSH_CLIENT');
    expect(apply.inputs.delete).toContain('nft delete table inet hastack');
  });

  it('Debian 12: admits SSH on the connection port from the admin sources only, behind the guard that keeps the deployment in', async () => {
    const host = defineHost({
      name: 'admins',
      address: '198.18.0.41',
      port: 2222,
      os: 'debian-12',
      privateKey: 'KEY',
      adminSources: ['10.0.0.0/8', pulumi.output('198.18.0.5')],
    });
    await valueOf(firewallBaseFor(host).base.ruleset);
    await settle();
    const [apply] = named('admins-firewall-base-apply');
    expect(apply.inputs.stdin).toContain('\t\tip saddr { 10.0.0.0/8, 198.18.0.5 } tcp dport 2222 accept comment "SSH from the admins"\n');
    expect(apply.inputs.create).toContain('SSH_CLIENT');
    expect(apply.inputs.create).toContain('admins=(10.0.0.0/8 198.18.0.5)');
  });

  it('EL9: the firewalld zone is the base, which only takes SSH away from those who are not admins', async () => {
    const host = defineHost({ name: 'admins-el9', address: '198.18.0.31', os: 'rocky-9', privateKey: 'KEY', adminSources: ['10.0.0.0/8'] });
    new Firewall('admins-el9-fw', { host, rules });
    await valueOf(firewallBaseFor(host).base.ruleset);
    await settle();
    expect(named('admins-el9-firewall-base-package')).toEqual([]);
    const [ssh] = named('admins-el9-firewall-base-ssh');
    expect(ssh.inputs.create).toContain('rule family="ipv4" source address="10.0.0.0/8" port port="22" protocol="tcp" accept');
    expect(ssh.inputs.create).toContain('SSH_CLIENT');
    expect(ssh.inputs.create).toMatch(/openings=\(.*service ssh.*port 22\/tcp.*\)/);
    expect(ssh.inputs.delete).toContain('--add-');
  });

  it('renders a port that is another resource output once it is known', async () => {
    const firewall = new Firewall('late-port', { host: debian12, rules: [{ port: pulumi.output(9422), protocol: 'tcp', description: 'later' }] });
    expect(await valueOf(firewall.fragment)).toContain('add rule inet hastack input tcp dport 9422 accept comment "later"');
  });

  it('refuses a rule without a port before creating anything', () => {
    expect(withoutCreating(recorded, () => new Firewall('bad', { host: debian12, rules: [{ protocol: 'udp', description: 'x' }] }))).toThrow(
      'Firewall bad: invalid arguments:\n  - rules[0].port: undefined is not a port (1..65535)',
    );
  });

  it('gives the rules it loaded: rich rules on EL, the fragment on Debian', async () => {
    const el = new Firewall('el-out', { host: el9, rules });
    expect(await valueOf(el.richRules)).toHaveLength(3);
    expect(await valueOf(el.fragment)).toBe('');
    const debian = new Firewall('debian-out', { host: debian12, rules });
    expect(await valueOf(debian.richRules)).toEqual([]);
    expect(await valueOf(debian.fragment)).toContain('tcp dport 3306 accept');
  });

  it('gives a tier a firewall on every OS, and SELinux booleans only where it has SELinux', () => {
    const booleans = ['httpd_use_fusefs'];
    expect(firewallFor('for-debian-fw', { host: debian12, rules })).toHaveLength(1);
    expect(selinuxBooleansFor('for-debian-se', { host: debian12, booleans })).toEqual([]);
    expect(firewallFor('for-el9-fw', { host: el9, rules })).toHaveLength(1);
    expect(selinuxBooleansFor('for-el9-se', { host: el9, booleans })).toHaveLength(1);
  });

  it('checks the rules and booleans on every OS, so a Debian preview refuses what EL would', () => {
    expect(() => firewallFor('bad-debian', { host: debian12, rules: [{ protocol: 'udp', description: 'x' }] })).toThrow(
      'Firewall bad-debian: invalid arguments:\n  - rules[0].port',
    );
    expect(() => selinuxBooleansFor('bad-debian-se', { host: debian12, booleans: ['no such; boolean'] })).toThrow(
      'SelinuxBooleans bad-debian-se: invalid arguments:\n  - ',
    );
  });
});
