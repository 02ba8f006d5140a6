// Two LVS directors balancing two Apache servers, as a user of the tier packages writes it. The web
// servers' addresses are outputs of other resources (here random octets standing in for a cloud VM's
// address), so they are unknown until those resources exist.
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { defineHost } from '@hastack/host';
import { DirectorPair, RealServerVip } from '@hastack/director';
import { WebServer } from '@hastack/web';

const config = new pulumi.Config();
const privateKey = config.requireSecret('privateKey');
const vip = config.get('vip') ?? '10.0.0.100';

const webs = ['web1', 'web2'].map((name) => {
  const octet = new random.RandomInteger(`${name}-octet`, { min: 21, max: 99 });
  return defineHost({ name, address: pulumi.interpolate`10.0.0.${octet.result}`, os: 'rocky-9', privateKey });
});
const directors = ['lb1', 'lb2'].map((name, i) => defineHost({ name, address: `10.0.0.1${i + 1}`, os: 'rocky-9', privateKey }));

const servers = webs.map((host) => {
  const vipOnLo = new RealServerVip(`${host.name}-vip`, { host, vips: [vip] });
  return new WebServer(`${host.name}-web`, { host }, { dependsOn: vipOnLo });
});

const pair = new DirectorPair('lvs', {
  directors: [
    { host: directors[0], interface: 'eth0' },
    { host: directors[1], interface: 'eth0' },
  ],
  vips: [vip],
  virtualRouterId: 51,
  services: [
    {
      port: servers[0].port,
      realServers: servers.map((server, i) => ({ name: webs[i].name, address: server.address, weight: 1 })),
      healthCheck: { type: 'http', path: servers[0].healthPath },
    },
  ],
});

export const vips = pair.vips;
export const healthUrls = servers.map((server) => server.healthUrl);
