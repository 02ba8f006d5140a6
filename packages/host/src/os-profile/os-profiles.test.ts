import { allPackageNames, OperatingSystems, osProfile, PackageRoles, ServiceRoles } from './os-profiles';

describe('osProfile', () => {
  it.each(OperatingSystems)('%s names packages for every role and a unit for every service', (os) => {
    const profile = osProfile(os);
    // EL's firewall is the firewalld its install comes with: nothing to install.
    const installed = PackageRoles.filter((role) => !(role === 'firewall' && profile.firewall === 'firewalld'));
    for (const role of installed) expect(profile.packages[role].length).toBeGreaterThan(0);
    for (const role of ServiceRoles) expect(profile.services[role]).toMatch(/^[a-z0-9-]+$/);
  });

  it('lists the supported systems for an unknown one', () => {
    expect(() => osProfile('ubuntu-24')).toThrow('unknown operating system "ubuntu-24": supported are debian-12, ');
  });

  it('keeps the distribution differences the stack depends on', () => {
    expect(osProfile('debian-12').services.webServer).toBe('apache2');
    expect(osProfile('rocky-9').services.webServer).toBe('httpd');
    expect(osProfile('alma-8').packages.nrpeServer).toEqual(['nrpe']);
    expect(osProfile('debian-12').packages.nrpeServer).toEqual(['nagios-nrpe-server']);
    expect(osProfile('centos-7').packageManager.name).toBe('yum');
    expect(osProfile('centos-stream-9').selinuxBooleans).toContain('httpd_use_fusefs');
    expect(osProfile('debian-12').firewall).toBe('nftables');
    expect(osProfile('rocky-8').firewall).toBe('firewalld');
    expect(osProfile('rocky-8').packages.firewall).toEqual([]);
  });

  it('enables EPEL on EL before installing Nagios', () => {
    const nagiosRepos = osProfile('rocky-9').extraRepositories.filter((r) => r.provides.includes('nagiosServer'));
    expect(nagiosRepos.map((r) => r.enable).join()).toContain('epel-release');
  });

  it('gives the lab mirror a sorted list without repeats', () => {
    const names = allPackageNames(osProfile('debian-12'));
    expect(names).toEqual([...new Set(names)].sort());
    expect(names).toEqual(expect.arrayContaining(['keepalived', 'ipvsadm', 'apache2', 'nagios4-core', 'nodejs', 'moosefs-master', 'nftables']));
  });
});
