import { existsSync, statSync } from 'node:fs';
import { create } from 'tar';
import { assertValidArgs } from '@hastack/host';
import { digestOf } from './app-digest';
import { APP_IGNORE_FILE, AppEntry, appEntries, shippedMode } from './app-files';

/** An application folder ready to ship: its release name and its content. */
export interface AppBundle {
  /** The content digest (`appDigest`), the release's folder name on every host. */
  digest: string;
  /** The folder as a gzipped tar, base64: what the release reads on stdin. */
  archive: string;
}

/** How much of an application a bundle may ship. */
export interface BundleSettings {
  /**
   * The most the shipped files may weigh together, in MiB (64). Each web host's release keeps the archive in
   * the stack's state, base64 (a third more), and the state is written again after every step: an application
   * with its libraries fits, its users' media belongs in the shared folder.
   */
  maxBundleMiB?: number;
}

/** The one place a bundle's defaults are chosen. */
export function resolveBundleDefaults(settings: BundleSettings): Required<BundleSettings> {
  return { maxBundleMiB: settings.maxBundleMiB ?? 64 };
}

const MIB = 2 ** 20;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

/** The heaviest top-level files and folders, for the message that asks to leave some out. */
function heaviest(entries: readonly AppEntry[], count: number): string {
  const weights = new Map<string, number>();
  for (const entry of entries) {
    const [top, ...rest] = entry.path.split('/');
    const name = rest.length || entry.kind === 'dir' ? `${top}/` : top;
    weights.set(name, (weights.get(name) ?? 0) + entry.size);
  }
  return [...weights]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${size(bytes)}`)
    .join(', ');
}

function checkedEntries(appDir: string, settings: BundleSettings): { entries: AppEntry[]; problems: string[] } {
  const { maxBundleMiB } = resolveBundleDefaults(settings);
  const problems: string[] = [];
  if (!existsSync(appDir) || !statSync(appDir).isDirectory()) problems.push(`appDir: "${appDir}" is not a folder`);
  if (!Number.isFinite(maxBundleMiB) || maxBundleMiB <= 0) problems.push(`maxBundleMiB: ${maxBundleMiB} must be a positive number of MiB`);
  if (problems.length) return { entries: [], problems };
  let entries: AppEntry[];
  try {
    entries = appEntries(appDir);
  } catch (error) {
    return { entries: [], problems: [(error as Error).message] };
  }
  const bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (bytes <= maxBundleMiB * MIB) return { entries, problems: [] };
  const files = entries.filter((entry) => entry.kind === 'file').length;
  return {
    entries,
    problems: [
      `appDir: "${appDir}" ships ${size(bytes)} in ${files} files, more than maxBundleMiB (${maxBundleMiB} MiB); heaviest: ${heaviest(entries, 3)}. ` +
        `Leave out what the site need not serve in ${APP_IGNORE_FILE} there, keep media in the shared folder, or raise maxBundleMiB`,
    ],
  };
}

/**
 * What keeps `appDir` from being bundled, each problem naming its argument: no such folder, a symlink or a
 * pipe it would ship, or more than `maxBundleMiB` of files. Read from the disk, nothing packed: a site runs
 * it with its other checks, before any resource exists.
 */
export function bundleProblems(appDir: string, settings: BundleSettings = {}): string[] {
  return checkedEntries(appDir, settings).problems;
}

/**
 * Packs the folder once for every host: what `appEntries` keeps (no dotfile, nothing `.hastackignore`
 * names), with the modes the digest covers (`shippedMode`), no owners and fixed times, so the same
 * application packs to the same bytes and a second `up` sends nothing new. Made with node-tar, so the
 * operator's machine needs no particular tar. Throws `bundleProblems`' problems before packing anything.
 */
export function appBundle(appDir: string, settings: BundleSettings = {}): AppBundle {
  const { entries, problems } = checkedEntries(appDir, settings);
  assertValidArgs('appBundle', appDir, problems);
  const chunks: Buffer[] = [];
  const pack = create(
    {
      sync: true,
      cwd: appDir,
      portable: true,
      mtime: new Date(0),
      gzip: true,
      noDirRecurse: true,
      // Called once the entry's lstat is known (always, for an entry packed from a path), just before its header.
      onWriteEntry: (entry) => {
        const stat = entry.stat!;
        stat.mode = (stat.mode & ~0o7777) | shippedMode(stat.mode, entry.type === 'Directory' ? 'dir' : 'file');
      },
    },
    entries.map((entry) => entry.path),
  );
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { digest: digestOf(appDir, entries), archive: Buffer.concat(chunks).toString('base64') };
}
