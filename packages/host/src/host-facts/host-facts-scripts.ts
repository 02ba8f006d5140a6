import type { OperatingSystem } from '../os-profile';
import { shellQuote } from '../shell';

/** What /etc/os-release says about a host: `ID` and `VERSION_ID`. */
export interface OsRelease {
  id: string;
  versionId: string;
}

/** The `ID` of /etc/os-release for each distribution an inventory may name, by the name's prefix. */
const RELEASE_IDS: readonly [string, string][] = [
  ['centos-stream-', 'centos'],
  ['rocky-', 'rocky'],
  ['alma-', 'almalinux'],
  ['debian-', 'debian'],
];

/** The `ID` and major `VERSION_ID` a host declared as `os` must have. */
export function expectedOsRelease(os: OperatingSystem): { id: string; major: string } {
  const match = RELEASE_IDS.find(([prefix]) => os.startsWith(prefix));
  if (!match) throw new Error(`no /etc/os-release ID is known for ${os}`);
  return { id: match[1], major: os.slice(os.lastIndexOf('-') + 1) };
}

export interface DeclaredHost {
  name: string;
  address: string;
  os: OperatingSystem;
}

/**
 * Prints "<ID> <VERSION_ID>" from the host's os-release, or fails, naming the host, its declared OS
 * and the one found, when they differ (a Rocky 9.3 host matches rocky-9).
 */
export function hostFactsScript(host: DeclaredHost, osReleasePath = '/etc/os-release'): string[] {
  const expected = expectedOsRelease(host.os);
  const subject = `host ${host.name} (${host.address}) is declared ${host.os}`;
  return [
    `release=${shellQuote(osReleasePath)}`,
    `if [ ! -r "$release" ]; then echo ${shellQuote(`${subject} but has no ${osReleasePath}`)} >&2; exit 1; fi`,
    // The file is a list of shell assignments by definition; a subshell keeps them out of this script.
    'found="$(. "$release" && printf "%s %s" "${ID:-unknown}" "${VERSION_ID:-}")"',
    'id="${found%% *}" version="${found#* }"',
    `if [ "$id" != ${shellQuote(expected.id)} ] || [ "\${version%%.*}" != ${shellQuote(expected.major)} ]; then`,
    `  printf '%s but %s says %s\\n' ${shellQuote(subject)} "$release" "$found" >&2`,
    '  exit 1',
    'fi',
    'printf "%s\\n" "$found"',
  ];
}

/** The facts a run of `hostFactsScript` printed. */
export function parseOsRelease(stdout: string): OsRelease {
  const [id = '', versionId = ''] = stdout.trim().split(' ');
  return { id, versionId };
}
