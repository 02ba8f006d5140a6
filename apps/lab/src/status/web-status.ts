import { osProfile, shellQuote } from '@hastack/host';
import type { Inventory } from '@hastack/inventory';
import { labSsh } from '@hastack/lab-machines';

export interface WebHostStatus {
  name: string;
  /** Apache's version as `apachectl -v` gives it ("Apache/2.4.62 (Debian)"); undefined when not installed. */
  apache?: string;
  /** The PHP version the served page reports, i.e. the PHP Apache runs; undefined when the page does not answer. */
  php?: string;
  /** The host's MooseFS mount points. */
  mounts: string[];
  /** Whether a drain flag of some stack holds the host out of the directors' pool. */
  drained: boolean;
  /** The application's live release (its digest), when an `AppRelease` put one live. */
  release?: string;
}

const SEP = '--hastack--';

/** Parses what `webHostProbe` prints. */
export function parseWebHostProbe(name: string, out: string): WebHostStatus {
  const [version = '', page = '', mounts = '', drain = '', root = ''] = out.split(`${SEP}\n`);
  return {
    name,
    apache: /Server version: (\S+(?: \([^)]*\))?)/.exec(version)?.[1],
    php: /id="php">([^<]+)</.exec(page)?.[1],
    mounts: mounts
      .split('\n')
      .filter((line) => line.split(' ')[1]?.startsWith('mfs#'))
      .map((line) => line.split(' ')[0]),
    drained: drain.trim() !== '',
    release: /^\/\S+\/([0-9a-f]{8,64})$/m.exec(root)?.[1],
  };
}

/** One ssh round trip per host; every part may fail without hiding the others. */
const webHostProbe = (documentRoot: string) =>
  [
    'apachectl -v 2>/dev/null || true',
    `echo ${SEP}`,
    'curl -s -m 3 http://127.0.0.1/ || true',
    `echo; echo ${SEP}`,
    'findmnt -rn -o TARGET,SOURCE || true',
    `echo ${SEP}`,
    'ls /var/lib/hastack/*/web/drain 2>/dev/null || true',
    `echo ${SEP}`,
    `readlink ${shellQuote(documentRoot)} || true`,
  ].join('; ');

/** Each web host's Apache and PHP versions, MooseFS mounts, drain state and live release. */
export async function collectWebStatus(inventory: Inventory): Promise<WebHostStatus[]> {
  const webHosts = inventory.hosts.filter((h) => h.roles.includes('web'));
  return Promise.all(
    webHosts.map(async (host) => parseWebHostProbe(host.name, (await labSsh(host, webHostProbe(osProfile(host.os).paths.webDocumentRoot))).stdout)),
  );
}

export function formatWebStatus(hosts: WebHostStatus[]): string[] {
  if (hosts.length === 0) return [];
  return [
    'web hosts:',
    ...hosts.map(
      (h) =>
        `  ${h.name.padEnd(10)} ${h.apache ?? 'Apache NOT installed'}, PHP ${h.php ?? 'NOT answering'}, release ${h.release ?? 'none'}, mount ${h.mounts.join(' ') || 'none'}${h.drained ? ', DRAINED' : ''}`,
    ),
  ];
}
