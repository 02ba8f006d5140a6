import { SiteDescription, validateSiteDescription } from '@hastack/inventory';

/** A host of a test description: Debian 12 on host0 unless the test says otherwise. */
export function testHost(name: string, address: string, roles: string[], extra: Record<string, unknown> = {}) {
  return { name, roles, address, os: 'debian-12', interface: 'host0', ...extra };
}

/** The lab's hosts and their roles, by name: a tier's test picks those its tiers need. */
const LAB_HOSTS = {
  director1: testHost('director1', '198.18.0.11', ['director']),
  director2: testHost('director2', '198.18.0.12', ['director']),
  web1: testHost('web1', '198.18.0.21', ['web']),
  web2: testHost('web2', '198.18.0.22', ['web']),
  db1: testHost('db1', '198.18.0.31', ['db-primary']),
  db2: testHost('db2', '198.18.0.32', ['db-replica']),
  'dfs-master': testHost('dfs-master', '198.18.0.41', ['dfs-master']),
  'dfs-chunk1': testHost('dfs-chunk1', '198.18.0.42', ['dfs-chunkserver', 'dfs-metalogger']),
  'dfs-chunk2': testHost('dfs-chunk2', '198.18.0.43', ['dfs-chunkserver']),
  monitoring: testHost('monitoring', '198.18.0.51', ['monitoring']),
};

export function labHosts(...names: (keyof typeof LAB_HOSTS)[]): ReturnType<typeof testHost>[] {
  return names.map((name) => LAB_HOSTS[name]);
}

/** A validated description for the site's tests: the lab's network, VIP and router id 77, with these hosts. */
export function testDescription(hosts: ReturnType<typeof testHost>[], network = { cidr: '198.18.0.0/24', gateway: '198.18.0.1' }): SiteDescription {
  return validateSiteDescription({ environment: 'test', network, vip: '198.18.0.100', virtualRouterId: 77, hosts }, 'test');
}
