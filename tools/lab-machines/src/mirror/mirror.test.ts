import { allPackageNames, osProfile } from '@hastack/host';
import { mirrorPackages, mirrorPackageSets, MirrorProbePackage } from './mirror';

describe('the mirror package list', () => {
  it("is the Debian profile's packages plus the probe package the lab's tests install", () => {
    expect(mirrorPackages()).toEqual([...allPackageNames(osProfile('debian-12')), MirrorProbePackage].sort());
  });

  it('resolves the whole list and each role as the product installs it', () => {
    const sets = mirrorPackageSets();
    expect(sets[0]).toEqual(mirrorPackages());
    expect(sets).toContainEqual(['php', 'libapache2-mod-php', 'php-mysql']);
    expect(sets).toContainEqual(['moosefs-client', 'fuse3']);
  });
});
