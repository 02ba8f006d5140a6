import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** What a release needs to know before it touches a host; checked by `validateAppReleaseArgs`. */
export interface AppReleaseArgs {
  /** The application's folder on this machine (the developers' program); must hold index.php or index.html. */
  appDir: string;
  /** The document root Apache serves: becomes a symlink to the live release. Absolute. */
  documentRoot: string;
  /** Where each release lives, in a folder named by its content digest. Absolute. */
  releasesDir: string;
  /** Releases kept on each host, the live one included (3). */
  keep?: number;
  /** Hosts switched at a time in a rolling release (1); at most the pool's size. */
  batchSize?: number;
  /** How many web hosts the release rolls over. */
  poolSize: number;
}

export const APP_INDEX_FILES = ['index.php', 'index.html'] as const;

/** Every problem with the arguments at once, each naming the argument. */
export function validateAppReleaseArgs(args: AppReleaseArgs): string[] {
  const problems: string[] = [];
  if (!existsSync(args.appDir) || !statSync(args.appDir).isDirectory()) {
    problems.push(`appDir: "${args.appDir}" is not a folder`);
  } else if (!APP_INDEX_FILES.some((index) => existsSync(join(args.appDir, index)))) {
    problems.push(`appDir: "${args.appDir}" has no ${APP_INDEX_FILES.join(' or ')}`);
  }
  for (const [name, path] of [['documentRoot', args.documentRoot], ['releasesDir', args.releasesDir]] as const) {
    if (!isAbsolute(path) || !/^\/[A-Za-z0-9._/-]*$/.test(path) || path.split('/').includes('..')) problems.push(`${name}: "${path}" is not a plain absolute path`);
  }
  const keep = args.keep ?? 3;
  if (!Number.isInteger(keep) || keep < 1) problems.push(`keep: ${keep} must be a whole number of at least 1 (the live release)`);
  const batch = args.batchSize ?? 1;
  if (!Number.isInteger(batch) || batch < 1 || batch > args.poolSize) problems.push(`batchSize: ${batch} must be between 1 and the pool's ${args.poolSize} hosts`);
  return problems;
}
