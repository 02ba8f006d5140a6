import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../exec';

/**
 * Downloads each set of packages with exactly the dependencies a root file system lacks, judged by its dpkg
 * status, using the machine's apt and package lists (DESIGN.md: "resolves exactly what the base lacks").
 */
export async function downloadMissingDebs(rootfs: string, packageSets: readonly (readonly string[])[], into: string, logFile: string): Promise<void> {
  fs.mkdirSync(path.join(into, 'partial'), { recursive: true });
  for (const packages of packageSets) {
    await downloadSet(rootfs, packages, into, logFile);
  }
  fs.rmSync(path.join(into, 'partial'), { recursive: true, force: true });
  fs.rmSync(path.join(into, 'lock'), { force: true });
}

async function downloadSet(rootfs: string, packages: readonly string[], into: string, logFile: string): Promise<void> {
  await run(
    'apt-get',
    [
      '-o',
      `Dir::State::status=${path.join(rootfs, 'var/lib/dpkg/status')}`,
      '-o',
      `Dir::Cache::archives=${into}`,
      '-o',
      'Debug::NoLocking=1',
      'install',
      '--download-only',
      '-y',
      '--no-install-recommends',
      ...packages,
    ],
    { logFile, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
  );
}
