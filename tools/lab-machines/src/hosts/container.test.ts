import { planHosts } from '../topology/topology';
import { nspawnArgs } from './container';

const hosts = planHosts({ directors: 0, web: 1, databases: 1, dfsMaster: 0, chunkservers: 0, monitoring: 0, stranger: 0 });

describe('nspawnArgs', () => {
  it('boots the container on the bridge without registering with a systemd the machine does not run', () => {
    const args = nspawnArgs(hosts[1], '/lab/hosts/db1/root', '/cache/mirror');
    expect(args).toEqual([
      '-D',
      '/lab/hosts/db1/root',
      '-M',
      'db1',
      '-b',
      '--register=no',
      '--keep-unit',
      '--network-bridge=labbr0',
      '--console=passive',
      '--bind-ro=/cache/mirror:/mirror',
    ]);
  });

  it('gives web hosts the FUSE device for their MooseFS mount', () => {
    expect(nspawnArgs(hosts[0], '/r', '/m')).toContain('--bind=/dev/fuse');
  });
});
