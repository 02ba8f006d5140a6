import { formerName } from './rename-aliases';

describe('formerName', () => {
  const renames = [
    { from: 'web2', to: 'www2' },
    { from: 'dfs-master', to: 'mfs-a' },
  ];

  it("finds the host's name first or after a tier's prefix, as a whole part of the name", () => {
    expect(formerName('www2', renames)).toBe('web2');
    expect(formerName('www2-nrpe-config', renames)).toBe('web2-nrpe-config');
    expect(formerName('dfs-www2-packages-install', renames)).toBe('dfs-web2-packages-install');
    expect(formerName('dfs-mfs-a-mfs-user', renames)).toBe('dfs-dfs-master-mfs-user');
  });

  it('leaves other names alone, a longer host name included', () => {
    expect(formerName('www20-nrpe', renames)).toBeUndefined();
    expect(formerName('db-monitoring-password', renames)).toBeUndefined();
  });
});
