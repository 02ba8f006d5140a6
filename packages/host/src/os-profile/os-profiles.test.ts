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
    expect(() => osProfile('ubuntu-24')).toThrow('unknown OS "ubuntu-24": supported are debian-12, ');
  });

  it('refuses a retired release with the reason', () => {
    expect(() => osProfile('centos-7')).toThrow('"centos-7" is no longer supported (end of life since 2024-06-30, and its MariaDB 5.5');
    expect(() => osProfile('centos-stream-8')).toThrow('"centos-stream-8" is no longer supported (end of life since 2024-05-31');
  });

  it('keeps the distribution differences the stack depends on', () => {
    expect(osProfile('debian-12').services.webServer).toBe('apache2');
    expect(osProfile('rocky-9').services.webServer).toBe('httpd');
    expect(osProfile('alma-8').packages.nrpeServer).toEqual(['nrpe']);
    expect(osProfile('debian-12').packages.nrpeServer).toEqual(['nagios-nrpe-server']);
    expect(osProfile('alma-9').packageManager.name).toBe('dnf');
    expect(osProfile('centos-stream-9').selinuxBooleans).toContain('httpd_use_fusefs');
    expect(osProfile('debian-12').firewall).toBe('nftables');
    expect(osProfile('rocky-8').firewall).toBe('firewalld');
    expect(osProfile('rocky-8').packages.firewall).toEqual([]);
  });

  it('enables EPEL on EL before installing Nagios', () => {
    const nagiosRepos = osProfile('rocky-9').extraRepositories.filter((r) => r.provides.includes('nagiosServer'));
    expect(nagiosRepos.map((r) => r.enable).join()).toContain('epel-release');
  });

  it("enables the streams EL8's defaults cannot run the tiers with, before the packages they provide, and CRB for EPEL", () => {
    const enables = (os: 'rocky-8' | 'alma-9', role: 'databaseServer' | 'php' | 'smsNotifier' | 'nrpeServer') =>
      osProfile(os)
        .extraRepositories.filter((r) => r.provides.includes(role))
        .map((r) => r.enable)
        .join('\n');
    expect(enables('rocky-8', 'databaseServer')).toBe('dnf -y -q module enable mariadb:10.11');
    expect(enables('rocky-8', 'php')).toBe('dnf -y -q module enable php:8.2');
    expect(enables('rocky-8', 'smsNotifier')).toBe('dnf -y -q module enable nodejs:20');
    expect(enables('rocky-8', 'nrpeServer')).toContain('dnf config-manager --set-enabled powertools');
    expect(enables('alma-9', 'databaseServer')).toBe('');
    expect(enables('alma-9', 'nrpeServer')).toContain('dnf config-manager --set-enabled crb');
    expect(osProfile('alma-9').versions.mariadb).toBe('10.5');
    expect(osProfile('debian-12').versions.mariadb).toBe('10.11');
  });

  it('gives the lab mirror a sorted list without repeats', () => {
    const names = allPackageNames(osProfile('debian-12'));
    expect(names).toEqual([...new Set(names)].sort());
    expect(names).toEqual(expect.arrayContaining(['keepalived', 'ipvsadm', 'apache2', 'nagios4-core', 'nodejs', 'moosefs-master', 'nftables']));
  });
});
