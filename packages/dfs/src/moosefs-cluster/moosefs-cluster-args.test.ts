import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { DEFAULT_STORAGE, MooseFsClusterArgs, mooseFsClusterSettings, validateMooseFsClusterArgs } from './moosefs-cluster-args';

const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });

const valid: MooseFsClusterArgs = {
  master: host('dfs-master', '10.0.0.41'),
  metaloggers: [host('dfs-chunk1', '10.0.0.42')],
  chunkservers: [host('dfs-chunk1', '10.0.0.42'), host('dfs-chunk2', '10.0.0.43')],
  clients: ['10.0.0.21', '10.0.0.22'],
};

describe('validateMooseFsClusterArgs', () => {
  it('accepts a valid cluster, a chunkserver that is also a metalogger included', () => {
    expect(validateMooseFsClusterArgs(valid)).toEqual([]);
    expect(
      validateMooseFsClusterArgs({
        ...valid,
        goal: 1,
        storage: [
          { path: '/srv/a', limit: '-5GiB' },
          { path: '/srv/b', limit: '1.5TiB' },
        ],
      }),
    ).toEqual([]);
  });

  it.each<[string, Partial<MooseFsClusterArgs>, string]>([
    ['no master', { master: undefined }, 'master: a master host is needed'],
    ['no chunkserver', { chunkservers: [] }, 'chunkservers: at least one chunkserver is needed'],
    ['a goal above the chunkserver count', { goal: 3 }, 'goal: 3 copies need at least 3 chunkservers, there are 2'],
    ['a goal out of range', { goal: 0 }, 'goal: 0 is outside 1..9'],
    ['a relative storage path', { storage: [{ path: 'srv/chunks' }] }, 'storage[0].path: "srv/chunks" is not an absolute path'],
    ['a storage path with a blank', { storage: [{ path: '/srv/my chunks' }] }, 'storage[0].path: "/srv/my chunks" may hold only'],
    ['a storage limit that is no size', { storage: [{ path: '/srv/a', limit: 'half' }] }, 'storage[0].limit: "half" is not a size'],
    ['an empty storage list', { storage: [] }, 'storage: at least one folder is needed'],
    ['a negative free space', { leaveFreeSpace: '-1G' }, 'leaveFreeSpace: "-1G" is not a size'],
    ['no client', { clients: [] }, 'clients: at least one client address is needed'],
    ['a client network', { clients: ['10.0.0.0/24'] }, 'clients[0]: "10.0.0.0/24" is not an IPv4 address'],
    ['a client twice', { clients: ['10.0.0.21', '10.0.0.21'] }, 'clients[1]: 10.0.0.21 is listed twice'],
    ['a chunkserver twice', { chunkservers: [host('a', '10.0.0.42'), host('a', '10.0.0.42')] }, 'chunkservers[1]: a is listed twice'],
    ['a download period too long for the kept logs', { metadataDownloadHours: 48 }, 'metadataDownloadHours: 48 is outside 1..25'],
    ['a chunk loop of zero', { chunkLoopSeconds: 0 }, 'chunkLoopSeconds: 0 is outside 1..86400'],
  ])('names the argument for %s', (_, change, message) => {
    expect(validateMooseFsClusterArgs({ ...valid, ...change } as MooseFsClusterArgs)).toContainEqual(expect.stringContaining(message));
  });

  it('reports every problem at once', () => {
    const problems = validateMooseFsClusterArgs({ ...valid, master: undefined, goal: 5, storage: [{ path: 'x' }] } as unknown as MooseFsClusterArgs);
    expect(problems).toHaveLength(3);
  });

  it('leaves client addresses that are outputs to the renderer', () => {
    expect(validateMooseFsClusterArgs({ ...valid, clients: [pulumi.output('10.0.0.0/24'), '10.0.0.21'] })).toEqual([]);
  });
});

describe('mooseFsClusterSettings', () => {
  it('fills every default, the master administering, and keeps what is given', () => {
    const settings = mooseFsClusterSettings(valid);
    expect(settings).toMatchObject({ goal: 2, storage: DEFAULT_STORAGE, metadataDownloadHours: 24, leaveFreeSpace: '256MiB', chunkLoopSeconds: 300 });
    expect(settings.purgeData).toBe(false);
    expect(settings.adminHost).toBe(valid.master);
    expect(mooseFsClusterSettings({ ...valid, goal: 1, metaloggers: undefined }).goal).toBe(1);
    expect(mooseFsClusterSettings({ ...valid, metaloggers: undefined }).metaloggers).toEqual([]);
  });
});
