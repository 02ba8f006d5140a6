import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { MooseFsCluster, MooseFsMount } from '@hastack/dfs';

export function sharedStorageForTwoWebServers(privateKey: pulumi.Input<string>) {
  const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey });
  const chunk1 = host('dfs-chunk1', '10.0.0.42');
  const webs = [host('web1', '10.0.0.21'), host('web2', '10.0.0.22')];
  const cluster = new MooseFsCluster('dfs', {
    master: host('dfs-master', '10.0.0.41'),
    metaloggers: [chunk1],
    chunkservers: [chunk1, host('dfs-chunk2', '10.0.0.43')],
    storage: [{ path: '/srv/mfs-chunks', limit: '-5GiB' }],
    clients: webs.map((web) => web.dataAddress),
    goal: 2,
  });
  return webs.map((web) => new MooseFsMount(`${web.name}-shared`, { host: web, master: cluster.masterAddress, where: '/srv/shared' }, { dependsOn: cluster }));
}
