import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BundleSettings, bundleProblems, resolveBundleDefaults } from './app-bundle';
import { releaseSettingProblems, resolveReleaseDefaults } from './app-release-args';

/** A release rolled over a pool of web hosts, as a site gives it; checked by `validateAppRollout`. */
export interface AppRolloutArgs extends BundleSettings {
  /** The application's folder on this machine (the developers' program); must hold index.php or index.html. */
  appDir: string;
  /** Releases kept on each host, the live one included (3). */
  keep?: number;
  /** Hosts switched at a time (1); at most the pool's size. */
  batchSize?: number;
  /** The path that must answer 200 before and after the switch ("/"). */
  checkPath?: string;
  /** How many web hosts the release rolls over. */
  poolSize: number;
}

export const APP_INDEX_FILES = ['index.php', 'index.html'] as const;

/** The roll-out's defaults, the release's and the bundle's among them (`resolveReleaseDefaults`, `resolveBundleDefaults`). */
export function resolveAppRolloutDefaults(args: AppRolloutArgs): Required<AppRolloutArgs> {
  return { ...args, ...resolveReleaseDefaults(args), ...resolveBundleDefaults(args), batchSize: args.batchSize ?? 1 };
}

/**
 * Every problem with the arguments at once, each naming the argument: the bundle's among them
 * (`bundleProblems`: read from the disk, nothing packed), so a site finds an oversized application with
 * its other checks, before it packs or sends anything.
 */
export function validateAppRollout(args: AppRolloutArgs): string[] {
  const problems = bundleProblems(args.appDir, args);
  const isFolder = existsSync(args.appDir) && statSync(args.appDir).isDirectory();
  if (isFolder && !APP_INDEX_FILES.some((index) => existsSync(join(args.appDir, index)))) {
    problems.push(`appDir: "${args.appDir}" has no ${APP_INDEX_FILES.join(' or ')}`);
  }
  const { keep, checkPath, batchSize: batch } = resolveAppRolloutDefaults(args);
  problems.push(...releaseSettingProblems.keep(keep));
  if (!Number.isInteger(batch) || batch < 1 || batch > args.poolSize)
    problems.push(`batchSize: ${batch} must be between 1 and the pool's ${args.poolSize} hosts`);
  problems.push(...releaseSettingProblems.checkPath(checkPath));
  return problems;
}
