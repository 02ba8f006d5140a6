import { recordResources, valueOf, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { NetworkMount } from './network-mount';

const recorded = recordResources();
const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'rocky-9', privateKey: 'KEY' });
const byName = (name: string) => recorded.find((r) => r.name === name);

describe('NetworkMount', () => {
  it('refuses a mount point that is not an absolute normalized path, before creating anything', () => {
    expect(withoutCreating(recorded, () => new NetworkMount('bad', { host, what: 'mfsmaster:/', where: '/mnt/../etc', type: 'moosefs' }))).toThrow(
      'NetworkMount bad: invalid arguments:\n  - where: "/mnt/../etc"',
    );
    expect(withoutCreating(recorded, () => new NetworkMount('bad', { host, what: 'mfsmaster:/', where: '/mnt/x', type: 'moosefs', options: ['a,b'] }))).toThrow(
      'options',
    );
  });

  it('writes both units as one checked set, then enables and mounts; destroy unmounts', async () => {
    const mount = new NetworkMount('web1-mfs', { host, what: 'mfsmaster:/', where: '/srv/web-data', type: 'moosefs' });
    expect(mount.unit).toBe('srv-web\\x2ddata.mount');
    expect(await valueOf(mount.where)).toBe('/srv/web-data');
    const units = byName('web1-mfs-units-write');
    expect(units?.inputs.create).toContain('systemd-analyze verify');
    expect(units?.inputs.delete).toContain('/etc/systemd/system/hastack-remount-srv-web');
    expect(byName('web1-mfs-where-directory')?.inputs.create).toContain('path=/srv/web-data');
    const mounted = byName('web1-mfs-mounted');
    expect(mounted?.inputs.create).toMatch(/: units [0-9a-f]{64}\n/);
    expect(mounted?.inputs.create).toContain('systemctl restart');
    expect(mounted?.inputs.delete).toContain('disable --now');
  });
});
