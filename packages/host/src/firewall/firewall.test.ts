import { recordResources, settle, valueOf, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { SelinuxBooleans, selinuxBooleansFor } from '../selinux';
import { Firewall, firewallFor } from './firewall';

const recorded = recordResources();
const el9 = defineHost({ name: 'db1-el9', address: '198.18.0.31', os: 'rocky-9', privateKey: 'KEY' });
const debian12 = defineHost({ name: 'db1-debian12', address: '198.18.0.31', os: 'debian-12', privateKey: 'KEY' });
const rules = [
  { port: 3306, protocol: 'tcp' as const, sources: ['198.18.0.21', '198.18.0.22'], description: 'MariaDB from the web servers' },
  { protocol: 'vrrp' as const, sources: ['198.18.0.12'], description: 'VRRP from the peer director' },
];
const commandsOf = (prefix: string) => recorded.filter((r) => r.type === 'command:remote:Command' && r.name.startsWith(prefix));

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

  it('Debian 12: runs no remote command at all', async () => {
    expect(commandsOf('db1-debian12')).toEqual([]);
    const fw = recorded.filter((r) => r.name === 'db1-debian12-fw');
    expect(fw).toHaveLength(1);
  });

  it('refuses a rule without a port before creating anything', () => {
    expect(withoutCreating(recorded, () => new Firewall('bad', { host: debian12, rules: [{ protocol: 'udp', description: 'x' }] }))).toThrow(
      'Firewall bad: invalid arguments:\n  - rules[0].port: undefined is not a port (1..65535)',
    );
  });

  it('gives the rules it asked for, none on Debian', async () => {
    const debian = new Firewall('debian-out', { host: debian12, rules });
    expect(await valueOf(debian.richRules)).toEqual([]);
  });

  it('gives a tier no component at all where the OS has neither firewall nor SELinux, and one each where it has', () => {
    const booleans = ['httpd_use_fusefs'];
    expect(firewallFor('for-debian-fw', { host: debian12, rules })).toEqual([]);
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
