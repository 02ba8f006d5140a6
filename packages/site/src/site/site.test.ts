import { recordResources, valueOf } from '@hastack/host/testing';
import { describedTiers, Site } from './site';
import { testDescription, testHost } from './test-description.testing';

const recorded = recordResources();

const description = testDescription(
  [
    testHost('director1', '198.18.0.11', ['director'], { interface: 'eth0' }),
    testHost('director2', '198.18.0.12', ['director'], { interface: 'eth0' }),
    testHost('web1', '198.18.0.21', ['web']),
    testHost('web2', '198.18.0.22', ['web'], { weight: 3 }),
    testHost('db1', '198.18.0.31', ['db-primary']),
  ],
  { cidr: '198.18.0.0/25', gateway: '198.18.0.1' },
);

function keepalivedConf(director: string): string {
  return String(recorded.find((r) => r.name === `lvs-${director}-keepalived-conf-write`)?.inputs.stdin);
}

describe('Site', () => {
  let site: Site;
  beforeAll(async () => {
    site = new Site('site', { description, privateKey: () => 'PRIVATE KEY TEXT', tiers: ['director', 'web'] });
    await valueOf(site.vips);
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('puts the real-server VIP and a web server on every web host, the pair on the directors, nothing on others', () => {
    const components = recorded.filter((r) => r.type.startsWith('hastack:')).map((r) => `${r.type} ${r.name}`);
    expect(components).toEqual(
      expect.arrayContaining([
        'hastack:site:Site site',
        'hastack:director:RealServerVip web1-real-server',
        'hastack:director:RealServerVip web2-real-server',
        'hastack:web:WebServer web1-web',
        'hastack:web:WebServer web2-web',
        'hastack:director:DirectorPair lvs',
      ]),
    );
    expect(recorded.some((r) => r.name.startsWith('db1'))).toBe(false);
  });

  it("wires the web servers' addresses, port and health path into the directors, with the description's weights", () => {
    const conf = keepalivedConf('director1');
    expect(conf).toMatch(/real_server 198\.18\.0\.21 80 \{\n\s+weight 1/);
    expect(conf).toMatch(/real_server 198\.18\.0\.22 80 \{\n\s+weight 3/);
    expect(conf).toMatch(/path \/health/);
    expect(conf).toContain('interface eth0');
  });

  it("takes the VRRP router id from the description and the VIP's prefix from the network", () => {
    const conf = keepalivedConf('director2');
    expect(conf).toContain('virtual_router_id 77');
    expect(conf).toContain('198.18.0.100/25 dev eth0');
  });

  it('never puts the private key in a command', () => {
    const commands = recorded.filter((r) => r.type === 'command:remote:Command');
    expect(commands.length).toBeGreaterThan(10);
    for (const command of commands) expect(JSON.stringify([command.inputs.create, command.inputs.update, command.inputs.delete])).not.toContain('PRIVATE KEY');
  });

  it('exposes the validated VIPs and the URL', async () => {
    expect(await valueOf(site.vips)).toEqual(['198.18.0.100']);
    expect(await valueOf(site.url)).toBe('http://198.18.0.100/');
  });

  it('composes by default the tiers the description gives hosts to', () => {
    expect(describedTiers(description)).toEqual(['director', 'web', 'db']);
    expect(describedTiers({ ...description, hosts: description.hosts.filter((h) => !h.roles.includes('db-primary')) })).toEqual(['director', 'web']);
  });
});
