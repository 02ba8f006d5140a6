import { containerCgroups, systemdCgroupRoots } from './cgroups';

describe('systemdCgroupRoots', () => {
  it('finds the unified and the named systemd hierarchy on a hybrid machine, and no v1 controller', () => {
    const mounts = [
      'tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0',
      'cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0',
      'cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0',
      'cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0',
      'cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0',
    ].join('\n');
    expect(systemdCgroupRoots(mounts)).toEqual(['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified']);
  });

  it('finds the one hierarchy of a cgroup2-only machine', () => {
    expect(systemdCgroupRoots('cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n')).toEqual(['/sys/fs/cgroup']);
  });
});

describe('containerCgroups', () => {
  it('names a cgroup after the host in every hierarchy', () => {
    expect(containerCgroups(['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd'], 'web1')).toEqual([
      '/sys/fs/cgroup/unified/lab-web1',
      '/sys/fs/cgroup/systemd/lab-web1',
    ]);
  });
});
