import { recordResources, valueOf } from '@hastack/host/testing';
import { Site } from '../site';
import { labHosts, testDescription, testHost } from '../test-description.testing';

const recorded = recordResources();
jest.setTimeout(60000);

const hosts = [
  ...labHosts('director1', 'director2', 'web1', 'db1', 'monitoring'),
  // A web host that appears in the description only: its agent needs no other edit.
  testHost('web7', '198.18.0.27', ['web']),
];

function agentsOf(prefix: string): string[] {
  return recorded
    .filter((r) => r.name.startsWith(prefix) && r.name.endsWith('-nrpe-config-write'))
    .map((r) => r.name)
    .sort();
}

/** The Nagios object file the site's monitoring host gets. */
async function nagiosObjects(): Promise<string> {
  const write = recorded.find((r) => r.name === 'monitoring-nagios-config-write');
  return String(write?.inputs.stdin)
    .split('\n')
    .map((line) => Buffer.from(line, 'base64').toString('utf8'))
    .join('\n');
}

describe('the monitoring tier of a site', () => {
  beforeAll(async () => {
    const site = new Site('site', { description: testDescription(hosts), privateKey: () => 'KEY', tiers: ['monitoring', 'director', 'web'] });
    await valueOf(site.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  it('puts an agent on the monitoring host and every host of the deployed tiers, answering the monitoring host only', () => {
    expect(agentsOf('')).toEqual(
      expect.arrayContaining(['director1-nrpe-config-write', 'director2-nrpe-config-write', 'monitoring-nrpe-config-write', 'web1-nrpe-config-write']),
    );
    expect(agentsOf('db1')).toEqual([]);
    const web1 = Buffer.from(String(recorded.find((r) => r.name === 'web1-nrpe-config-write')?.inputs.stdin).split('\n')[0], 'base64').toString('utf8');
    expect(web1).toContain('allowed_hosts=198.18.0.51\n');
    expect(web1).toContain('server_address=198.18.0.21\n');
  });

  it('gives a web host added to the description its agent and its Nagios checks with no other edit', async () => {
    expect(agentsOf('web7')).toEqual(['web7-nrpe-config-write']);
    const objects = await nagiosObjects();
    expect(objects).toMatch(/host_name\s+web7\n\s+address\s+198\.18\.0\.27/);
    for (const service of ['apache', 'http-page', 'http-health', 'check_disk'])
      expect(objects).toMatch(new RegExp(`host_name\\s+web7\\n\\s+service_description\\s+${service}\\n`));
  });

  it("watches the tiers in their host groups, the VIP with its VRRP aggregate, and each director's pool", async () => {
    const objects = await nagiosObjects();
    expect(objects).toMatch(/hostgroup_name\s+web\n\s+alias\s+hastack web tier\n\s+members\s+web1,web7/);
    expect(objects).toMatch(/host_name\s+site-vip\n\s+address\s+198\.18\.0\.100/);
    expect(objects).toMatch(/check_nrpe -H 198\.18\.0\.11 -t 10 -c vip \| grep -qF .*check_nrpe -H 198\.18\.0\.12 -t 10 -c vip/);
    expect(objects).toMatch(/host_name\s+director2\n\s+service_description\s+ipvs\n/);
    expect(objects).not.toMatch(/host_name\s+db1/);
  });

  it("pages a fault once, by its cause: a web host's page and health checks, and the directors' pool checks, wait on its Apache", async () => {
    const objects = await nagiosObjects();
    const dependencies = [...objects.matchAll(/define servicedependency \{\n([^}]*)\}/g)].map((match) =>
      match[1]
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/)[1])
        .slice(0, 4)
        .join(' '),
    );
    expect(dependencies).toEqual(
      expect.arrayContaining([
        'web1 apache web1 http-page',
        'web1 apache web1 http-health',
        'web1 apache director1 ipvs',
        'web1 http-health director2 ipvs',
        'web7 apache director2 ipvs',
      ]),
    );
    expect(dependencies.filter((dependency) => dependency.endsWith(' web1 apache'))).toEqual([]);
  });
});
