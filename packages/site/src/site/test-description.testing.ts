import { SiteDescription, validateSiteDescription } from '@hastack/inventory';

/** A host of a test description: Debian 12 on host0 unless the test says otherwise. */
export function testHost(name: string, address: string, roles: string[], extra: Record<string, unknown> = {}) {
  return { name, roles, address, os: 'debian-12', interface: 'host0', ...extra };
}

/** A validated description for the site's tests: the lab's network, VIP and router id 77, with these hosts. */
export function testDescription(hosts: ReturnType<typeof testHost>[], network = { cidr: '198.18.0.0/24', gateway: '198.18.0.1' }): SiteDescription {
  return validateSiteDescription({ environment: 'test', network, vip: '198.18.0.100', virtualRouterId: 77, hosts }, 'test');
}
