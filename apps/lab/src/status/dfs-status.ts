import {
  chunksUnderGoal,
  METALOGGER_CHANGELOG_FILE,
  METALOGGER_METADATA_FILE,
  mfscliCommand,
  MfscliSections,
  parseChunkClasses,
  parseChunkservers,
  parseMetaloggers,
  parseMounts,
} from '@hastack/dfs';
import { osProfile } from '@hastack/host';
import type { Inventory, InventoryHost } from '@hastack/inventory';
import { labSsh } from '@hastack/lab-machines';

export interface DfsStatus {
  master: { name: string; address: string; active: boolean };
  metaloggers: { name: string; connected: boolean; metadataAgeSeconds?: number; changelogAgeSeconds?: number }[];
  chunkservers: { name: string; address: string; connected: boolean; usedBytes?: number; totalBytes?: number; configDigest?: string }[];
  /** Chunks with fewer copies than their goal; undefined when the master could not be asked. */
  chunksUnderGoal?: number;
  /** Each web host's MooseFS mount points, and whether the master has a session from it. */
  mounts: { name: string; mountPoints: string[]; session: boolean }[];
}

const hostsWith = (inventory: Inventory, role: InventoryHost['roles'][number]) => inventory.hosts.filter((h) => h.roles.includes(role));

/** Seconds since each file was last written, by the host's clock; undefined for a missing file. */
async function fileAges(host: InventoryHost, paths: string[]): Promise<(number | undefined)[]> {
  const out = (await labSsh(host, `date +%s; for f in ${paths.join(' ')}; do stat -c %Y "$f" 2>/dev/null || echo -; done`)).stdout;
  const [now, ...mtimes] = out.trim().split('\n');
  return paths.map((_, i) => (mtimes[i] === undefined || mtimes[i] === '-' ? undefined : Number(now) - Number(mtimes[i])));
}

/**
 * The MooseFS tier as the master and the hosts see it: the master, each metalogger's copies, each
 * chunkserver's connection, space and config digest, chunks under goal, and the mounts per web host.
 * Undefined when the inventory has no dfs-master.
 */
export async function collectDfsStatus(inventory: Inventory): Promise<DfsStatus | undefined> {
  const [master] = hostsWith(inventory, 'dfs-master');
  if (!master) return undefined;
  const sections = [MfscliSections.chunkservers, MfscliSections.metaloggers, MfscliSections.chunkClasses, MfscliSections.mounts];
  const [active, cli] = await Promise.all([
    labSsh(master, 'systemctl is-active moosefs-master'),
    labSsh(master, sections.map((section) => mfscliCommand(master.address, section)).join('; ')),
  ]);
  const asked = cli.code === 0;
  const chunkservers = parseChunkservers(cli.stdout).connected;
  const metaloggers = parseMetaloggers(cli.stdout);
  const sessions = parseMounts(cli.stdout).filter((session) => session.active);
  return {
    master: { name: master.name, address: master.address, active: active.stdout.trim() === 'active' },
    metaloggers: await Promise.all(
      hostsWith(inventory, 'dfs-metalogger').map(async (host) => {
        const dataDir = osProfile(host.os).paths.moosefsDataDir;
        const [metadataAgeSeconds, changelogAgeSeconds] = await fileAges(host, [
          `${dataDir}/${METALOGGER_METADATA_FILE}`,
          `${dataDir}/${METALOGGER_CHANGELOG_FILE}`,
        ]);
        return { name: host.name, connected: metaloggers.some((m) => m.address === host.address), metadataAgeSeconds, changelogAgeSeconds };
      }),
    ),
    chunkservers: await Promise.all(
      hostsWith(inventory, 'dfs-chunkserver').map(async (host) => {
        const config = osProfile(host.os).paths.moosefsConfigDir;
        const digest = await labSsh(host, `cat ${config}/mfschunkserver.cfg ${config}/mfshdd.cfg | sha256sum`);
        const seen = chunkservers.find((cs) => cs.address === host.address);
        return {
          name: host.name,
          address: host.address,
          connected: seen !== undefined,
          usedBytes: seen?.usedBytes,
          totalBytes: seen?.totalBytes,
          configDigest: digest.code === 0 ? digest.stdout.split(' ')[0] : undefined,
        };
      }),
    ),
    chunksUnderGoal: asked ? chunksUnderGoal(parseChunkClasses(cli.stdout)) : undefined,
    mounts: await Promise.all(
      hostsWith(inventory, 'web').map(async (host) => {
        const found = await labSsh(host, 'findmnt -rn -o TARGET,SOURCE');
        const mountPoints = found.stdout
          .split('\n')
          .filter((line) => line.split(' ')[1]?.startsWith('mfs#'))
          .map((line) => line.split(' ')[0]);
        return { name: host.name, mountPoints, session: sessions.some((session) => session.address === host.address) };
      }),
    ),
  };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

function age(seconds: number | undefined): string {
  if (seconds === undefined) return 'none';
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  return `${(seconds / 3600).toFixed(1)} h ago`;
}

export function formatDfsStatus(status: DfsStatus): string[] {
  const lines = [`dfs master:  ${status.master.name} ${status.master.address} (${status.master.active ? 'running' : 'NOT running'})`];
  for (const logger of status.metaloggers) {
    lines.push(
      `metalogger:  ${logger.name} ${logger.connected ? 'connected' : 'NOT connected'}, metadata copy ${age(logger.metadataAgeSeconds)}, change log written ${age(logger.changelogAgeSeconds)}`,
    );
  }
  lines.push('chunkservers:');
  for (const cs of status.chunkservers) {
    const space = cs.connected && cs.totalBytes !== undefined ? `used ${gib(cs.usedBytes ?? 0)} of ${gib(cs.totalBytes)}` : '';
    lines.push(
      `  ${cs.name.padEnd(10)} ${cs.address.padEnd(14)} ${cs.connected ? 'connected' : 'DISCONNECTED'}  ${space}  config ${cs.configDigest?.slice(0, 12) ?? '?'}`,
    );
  }
  const digests = new Set(status.chunkservers.map((cs) => cs.configDigest));
  if (digests.size > 1) lines.push('  chunkserver configs DIFFER');
  lines.push(`chunks under goal: ${status.chunksUnderGoal ?? 'unknown (master not answering)'}`);
  const mounts = status.mounts.map((m) => `${m.name} ${m.mountPoints.join(' ') || 'NOT mounted'}${m.mountPoints.length && !m.session ? ' (no session)' : ''}`);
  lines.push(`dfs mounts:  ${mounts.join(', ')}`);
  return lines;
}
