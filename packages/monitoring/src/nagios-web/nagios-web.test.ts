import * as pulumi from '@pulumi/pulumi';
import { recordResources, SECRET_MARK, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { NagiosWeb } from './nagios-web';

const recorded = recordResources();
const host = defineHost({ name: 'monitoring', address: '198.18.0.51', os: 'debian-12', privateKey: 'k' });

describe('NagiosWeb', () => {
  it('refuses an interface open to all, and a source that is no address, before creating anything', () => {
    expect(withoutCreating(recorded, () => new NagiosWeb('open', { host, adminSources: [] }))).toThrow(/adminSources: the interface needs at least one/);
    expect(withoutCreating(recorded, () => new NagiosWeb('bad', { host, adminSources: ['lab.example'], user: 'a b' }))).toThrow(
      /adminSources\[0\]: "lab\.example" is not an IPv4 address or network\n.*user: "a b" is not a user name/,
    );
  });

  it('opens port 80 to the admin sources only, writes the password file as a secret, and serves at the URL of the distribution', async () => {
    const web = new NagiosWeb('monitoring-nagios-web', { host, adminSources: [pulumi.output('198.18.0.1')] });
    expect(await valueOf(web.url)).toBe('http://198.18.0.51/nagios4/');
    expect(web.user).toBe('nagiosadmin');
    const fragment = String(recorded.find((r) => r.name === 'monitoring-nagios-web-firewall-fragment')?.inputs.stdin);
    expect(fragment).toMatch(/ip saddr \{ 198\.18\.0\.1 \} tcp dport 80 accept/);
    const write = recorded.find((r) => r.name === 'monitoring-nagios-web-config-write');
    // The set's stdin carries the password file's hash: the whole input is a secret.
    expect(write?.inputs.stdin).toHaveProperty(SECRET_MARK);
    expect(String(write?.inputs.create)).toContain('/etc/apache2/hastack-nagios-web.users');
    expect(String(write?.inputs.create)).toContain('apache2ctl -t');
  });
});
