import { recordResources, valueOf } from '@hastack/host/testing';
import { Site } from '../site';
import { labHosts, testDescription } from '../test-description.testing';

const recorded = recordResources();
jest.setTimeout(60000);

const description = testDescription(labHosts('director1', 'director2', 'web1', 'db1', 'db2', 'monitoring'));

describe('the db tier of a site', () => {
  let site: Site;
  beforeAll(async () => {
    site = new Site('site', { description, privateKey: () => 'KEY', tiers: ['db'], purgeData: true });
    await valueOf(site.database!.replicaAddresses);
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('puts the primary on the db-primary host and a replica on each db-replica host', () => {
    expect(recorded.find((r) => r.name === 'db-db1-server-conf-write')?.inputs.stdin).toContain('read_only = OFF');
    expect(recorded.find((r) => r.name === 'db-db2-server-conf-write')?.inputs.stdin).toContain('read_only = ON');
    expect(recorded.some((r) => r.name === 'db-db2-replication-step')).toBe(true);
  });

  it('lets the application in from the web hosts and monitoring from the monitoring host', () => {
    expect(JSON.stringify(recorded.find((r) => r.name === 'db-db1-account-app-step')?.inputs.stdin)).toContain('198.18.0.21');
    expect(JSON.stringify(recorded.find((r) => r.name === 'db-db1-account-monitoring-step')?.inputs.stdin)).toContain('198.18.0.51');
  });

  it('purges the data on destroy when the site asks, and exposes what the web tier connects to', async () => {
    expect(recorded.find((r) => r.name === 'db-db2-data')?.inputs.delete).toContain('/var/lib/mysql');
    expect(await valueOf(site.database!.primaryAddress)).toBe('198.18.0.31');
    expect(await valueOf(site.database!.database)).toBe('hastack');
    expect(site.database!.user).toBe('hastack_app');
  });
});
