import type { HostRole, SiteDescription, SiteDescriptionHost } from '@hastack/inventory';
import type { LayoutHost, SiteLayout } from './site-layout';

/** A host that keeps its address under a new name: its resources are carried over, nothing on it changes. */
export interface HostRename {
  from: string;
  to: string;
}

export interface PlanReview {
  /** Edits that would overwrite data, one line each, with the safe way to make them. */
  problems: string[];
  renames: HostRename[];
  /** Hosts that say `discardData` although this deployment replaces none of their data. */
  unusedConsents: string[];
}

const DB_ROLES: readonly HostRole[] = ['db-primary', 'db-replica'];
const DFS_DATA_ROLES: readonly HostRole[] = ['dfs-master', 'dfs-metalogger', 'dfs-chunkserver'];

const holds = (host: { roles: readonly HostRole[] }, roles: readonly HostRole[]) => host.roles.some((role) => roles.includes(role));
const label = (host: { name: string; address: string }) => `${host.name} (${host.address})`;
const names = (hosts: readonly { name: string }[]) => hosts.map((host) => host.name).join(', ');

/** Previous hosts under the names they have now (a renamed host counts as the same host). */
function currentNames(previous: SiteLayout, renames: readonly HostRename[]): LayoutHost[] {
  const renamed = new Map(renames.map((rename) => [rename.from, rename.to]));
  return previous.hosts.map((host) => ({ ...host, name: renamed.get(host.name) ?? host.name }));
}

/** A name the description no longer has, whose address a new name took: the same machine, renamed. */
function findRenames(previous: SiteLayout, description: SiteDescription): HostRename[] {
  const now = new Set(description.hosts.map((host) => host.name));
  const before = new Set(previous.hosts.map((host) => host.name));
  return previous.hosts.flatMap((old) => {
    if (now.has(old.name)) return [];
    const successor = description.hosts.find((host) => host.address === old.address && !before.has(host.name));
    return successor ? [{ from: old.name, to: successor.name }] : [];
  });
}

interface Move {
  /** What moved, for the message. */
  what: string;
  /** Hosts whose data the move would overwrite: each has to say `discardData`. */
  atRisk: SiteDescriptionHost[];
  why: string;
  safeWay: string;
}

function databaseMove(before: LayoutHost[], description: SiteDescription): Move | undefined {
  const oldPrimary = before.find((host) => host.roles.includes('db-primary'));
  const newPrimary = description.hosts.find((host) => host.roles.includes('db-primary'));
  if (!oldPrimary || !newPrimary || oldPrimary.name === newPrimary.name) return undefined;
  const described = (host: LayoutHost) => description.hosts.find((entry) => entry.name === host.name && holds(entry, DB_ROLES));
  const wasMember = before.some((host) => host.name === newPrimary.name && holds(host, DB_ROLES));
  const what = `db-primary moves from ${label(oldPrimary)} to ${label(newPrimary)}`;
  if (wasMember) {
    const old = described(oldPrimary);
    return {
      what,
      atRisk: old ? [old] : [],
      why: `${oldPrimary.name} would be emptied and loaded with ${newPrimary.name}'s copy, losing what never reached it`,
      safeWay: `promote with \`npm run ops -- db:promote ${newPrimary.name}\``,
    };
  }
  return {
    what,
    atRisk: before.filter((host) => holds(host, DB_ROLES) && host.name !== newPrimary.name).flatMap((host) => described(host) ?? []),
    why: `${newPrimary.name} was not a database member: every member would be loaded with its empty copy`,
    safeWay: 'promote a replica with `npm run ops -- db:promote <replica>`, then add the new host as a db-replica',
  };
}

function fileSystemMove(before: LayoutHost[], description: SiteDescription): Move | undefined {
  const oldMaster = before.find((host) => host.roles.includes('dfs-master'));
  const newMaster = description.hosts.find((host) => host.roles.includes('dfs-master'));
  if (!oldMaster || !newMaster || oldMaster.name === newMaster.name) return undefined;
  return {
    what: `dfs-master moves from ${label(oldMaster)} to ${label(newMaster)}`,
    atRisk: before
      .filter((host) => holds(host, DFS_DATA_ROLES) && host.name !== newMaster.name)
      .flatMap((host) => description.hosts.find((entry) => entry.name === host.name && holds(entry, DFS_DATA_ROLES)) ?? []),
    why: `a master without metadata starts an empty file system, and the chunkservers drop the chunks it does not know`,
    safeWay: `keep the master on ${oldMaster.name} (a deployment does not move MooseFS metadata; \`npm run ops -- dfs:recover-master\` rebuilds a master in place from its metalogger)`,
  };
}

/**
 * Compares the description with the layout the stack deployed last. An edit that would overwrite data
 * (a moved database primary or MooseFS master) is a problem unless every host whose data it overwrites says
 * `discardData`; a host whose address now carries a new name is a rename. Pure: no host is contacted.
 */
export function reviewPlan(previous: SiteLayout | undefined, description: SiteDescription): PlanReview {
  const consenting = description.hosts.filter((host) => host.discardData);
  if (!previous) return { problems: [], renames: [], unusedConsents: consenting.map((host) => host.name) };
  const renames = findRenames(previous, description);
  const before = currentNames(previous, renames);
  const moves = [databaseMove(before, description), fileSystemMove(before, description)].flatMap((move) => move ?? []);
  const problems = moves.flatMap((move) => {
    const refusing = move.atRisk.filter((host) => !host.discardData);
    if (!refusing.length) return [];
    return [
      `${move.what}: ${move.why}. Instead ${move.safeWay}; or, to let the data of ${names(refusing)} go, set "discardData": true on ${refusing.length > 1 ? 'each' : 'it'}`,
    ];
  });
  const used = new Set(moves.flatMap((move) => move.atRisk.map((host) => host.name)));
  return { problems, renames, unusedConsents: consenting.filter((host) => !used.has(host.name)).map((host) => host.name) };
}
