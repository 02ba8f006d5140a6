import * as pulumi from '@pulumi/pulumi';
import { validateSiteDescription } from '@hastack/inventory';
import { Site } from '@hastack/site';

export function smallSite(privateKey: pulumi.Input<string>) {
  const host = (name: string, address: string, roles: string[]) => ({ name, address, roles, os: 'rocky-9', interface: 'eth0' });
  const description = validateSiteDescription(
    {
      environment: 'staging',
      network: { cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
      vip: '10.0.0.100',
      virtualRouterId: 52,
      hosts: [
        host('lb1', '10.0.0.11', ['director']),
        host('lb2', '10.0.0.12', ['director']),
        host('web1', '10.0.0.21', ['web']),
        host('web2', '10.0.0.22', ['web']),
      ],
    },
    'the example',
  );
  return new Site('site', { description, privateKey: () => privateKey, tiers: ['director', 'web'] });
}
