import fc from 'fast-check';
import * as path from 'node:path';
import { isSiteHost, LabNetwork, parseTopology, planHosts, readTopology, Topology } from './topology';

const defaultTopology = readTopology(path.join(__dirname, '../../topology.json'));

describe('planHosts', () => {
  it('plans the default lab: two VM directors, eight site containers and the stranger at their fixed addresses', () => {
    expect(planHosts(defaultTopology).map((h) => [h.name, h.kind, h.address, h.interface, h.roles.join('+')])).toEqual([
      ['director1', 'vm', '198.18.0.11', 'eth0', 'director'],
      ['director2', 'vm', '198.18.0.12', 'eth0', 'director'],
      ['web1', 'container', '198.18.0.21', 'host0', 'web'],
      ['web2', 'container', '198.18.0.22', 'host0', 'web'],
      ['db1', 'container', '198.18.0.31', 'host0', 'db-primary'],
      ['db2', 'container', '198.18.0.32', 'host0', 'db-replica'],
      ['dfs-master', 'container', '198.18.0.41', 'host0', 'dfs-master'],
      ['dfs-chunk1', 'container', '198.18.0.42', 'host0', 'dfs-chunkserver+dfs-metalogger'],
      ['dfs-chunk2', 'container', '198.18.0.43', 'host0', 'dfs-chunkserver'],
      ['monitoring', 'container', '198.18.0.51', 'host0', 'monitoring'],
      ['stranger', 'container', '198.18.0.250', 'host0', ''],
    ]);
    expect(planHosts(defaultTopology).find((h) => !isSiteHost(h))?.name).toBe('stranger');
  });

  it('plans no stranger when the topology says so', () => {
    expect(planHosts({ ...defaultTopology, stranger: 0 }).map((h) => h.name)).not.toContain('stranger');
  });

  it('gives every host of any allowed topology its own name and address, never the gateway or the VIP', () => {
    const counts = fc.record<Topology>({
      directors: fc.integer({ min: 0, max: 9 }),
      web: fc.integer({ min: 0, max: 9 }),
      databases: fc.integer({ min: 0, max: 9 }),
      dfsMaster: fc.integer({ min: 0, max: 1 }),
      chunkservers: fc.integer({ min: 0, max: 8 }),
      monitoring: fc.integer({ min: 0, max: 1 }),
      stranger: fc.integer({ min: 0, max: 1 }),
    });
    fc.assert(
      fc.property(counts, (topology) => {
        const hosts = planHosts(parseTopology(topology, 'generated'));
        const addresses = hosts.map((h) => h.address);
        expect(new Set(addresses).size).toBe(hosts.length);
        expect(new Set(hosts.map((h) => h.name)).size).toBe(hosts.length);
        expect(addresses).not.toContain(LabNetwork.gateway);
        expect(addresses).not.toContain(LabNetwork.vip);
        expect(hosts.filter((h) => !isSiteHost(h)).length).toBe(topology.stranger);
        // nspawn names the host end of a container's veth `vb-NAME`, cut at the kernel's 15 characters.
        expect(hosts.every((h) => `vb-${h.name}`.length <= 15)).toBe(true);
      }),
    );
  });
});

describe('parseTopology', () => {
  it('names every field that is wrong', () => {
    expect(() => parseTopology({ ...defaultTopology, directors: 10, chunkservers: -1 }, 'my.json')).toThrow(
      /invalid topology my\.json:\n {2}directors: .*\n {2}chunkservers: /,
    );
  });

  it('gives a topology written before the stranger existed one, as the default does', () => {
    const { stranger, ...older } = defaultTopology;
    expect(stranger).toBe(1);
    expect(parseTopology(older, 'older.json').stranger).toBe(1);
    expect(() => parseTopology({ ...defaultTopology, stranger: 2 }, 'my.json')).toThrow(/stranger: /);
  });

  it('rejects unknown fields, so a misspelt count is not silently ignored', () => {
    expect(() => parseTopology({ ...defaultTopology, webs: 3 }, 'my.json')).toThrow(/webs/);
  });
});
