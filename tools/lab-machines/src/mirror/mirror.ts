import * as fs from 'node:fs';
import * as path from 'node:path';
import { allPackageNames, osProfile } from '@hastack/host';
import { cacheKey, cachedDir } from '../cache/cache';
import { run } from '../exec';
import { downloadMissingDebs } from '../rootfs/download-debs';

/** Not used by the product: the lab's tests install it to prove a host can install from the mirror. */
export const MirrorProbePackage = 'hello';

/** Port on the machine's bridge address where the VMs fetch the mirror (containers bind-mount it). */
export const MirrorHttpPort = 8080;

const RecipeVersion = 1;

/** Every Debian package the product can install (from its OS-profile table), plus the probe. */
export function mirrorPackages(): string[] {
  return [...new Set([...allPackageNames(osProfile('debian-12')), MirrorProbePackage])].sort();
}

/**
 * The sets resolved one by one: all packages at once, and each role's packages as the product installs
 * them. Where a dependency has alternatives apt may pick another one for a smaller set than for the whole
 * list, and a host would then ask the mirror for a package it does not have.
 */
export function mirrorPackageSets(): string[][] {
  const roleSets = Object.values(osProfile('debian-12').packages).map((names) => [...names]);
  return [mirrorPackages(), ...roleSets, [MirrorProbePackage]];
}

/**
 * A flat apt repository with the product's packages and every dependency the base lacks, built once per
 * user, base and package list. Returns its folder.
 */
export async function ensureMirror(cacheDir: string, baseRootfs: string, baseKey: string, logFile: string): Promise<string> {
  const dir = path.join(cacheDir, `mirror-${cacheKey({ base: baseKey, packageSets: mirrorPackageSets(), recipe: RecipeVersion })}`);
  await cachedDir(dir, async (into) => {
    await downloadMissingDebs(baseRootfs, mirrorPackageSets(), into, logFile);
    const index = await run('dpkg-scanpackages', ['--multiversion', '.', '/dev/null'], { cwd: into });
    fs.writeFileSync(path.join(into, 'Packages'), index.stdout);
    // A Release file spares every host apt's warnings about a repository without one.
    const release = await run('apt-ftparchive', ['release', '.'], { cwd: into });
    fs.writeFileSync(path.join(into, 'Release'), release.stdout);
  });
  return dir;
}
