import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { DirectorPair, RealServerVip } from '@hastack/director';

export function balanceTwoWebServers(privateKey: pulumi.Input<string>) {
  const host = (name: string, address: pulumi.Input<string>) => defineHost({ name, address, os: 'debian-12', privateKey });
  const webs = [host('web1', '10.0.0.21'), host('web2', '10.0.0.22')];
  const pair = new DirectorPair('lvs', {
    directors: [
      { host: host('lb1', '10.0.0.11'), interface: 'eth0' },
      { host: host('lb2', '10.0.0.12'), interface: 'eth0' },
    ],
    vips: ['10.0.0.100'],
    virtualRouterId: 51,
    advertIntervalSeconds: 0.2,
    services: [
      {
        port: 80,
        scheduler: 'wrr',
        realServers: webs.map((web) => ({ name: web.name, address: web.dataAddress, weight: 1 })),
        healthCheck: { type: 'http', path: '/health' },
      },
    ],
  });
  for (const web of webs) new RealServerVip(`${web.name}-vip`, { host: web, vips: pair.vips });
  return pair;
}
