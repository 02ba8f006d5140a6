import { onHostName, replaceNamePart } from './host-names';

describe('replaceNamePart', () => {
  it('replaces a whole dash-separated part, first or after a prefix, a name with dashes included', () => {
    expect(replaceNamePart('www2-nrpe-config', 'www2', 'web2')).toBe('web2-nrpe-config');
    expect(replaceNamePart('dfs-mfs-a-mfs-user', 'mfs-a', 'dfs-master')).toBe('dfs-dfs-master-mfs-user');
  });

  it('leaves a name without that part alone, a longer one included', () => {
    expect(replaceNamePart('www20-nrpe', 'www2', 'web2')).toBeUndefined();
  });
});

describe('onHostName', () => {
  it("is the component's name on a host never renamed", () => {
    expect(onHostName('web2-arp', { name: 'web2', originalName: 'web2' })).toBe('web2-arp');
  });

  it('carries the original name on a renamed host', () => {
    expect(onHostName('lvs-www2-notify', { name: 'www2', originalName: 'web2' })).toBe('lvs-web2-notify');
  });
});
