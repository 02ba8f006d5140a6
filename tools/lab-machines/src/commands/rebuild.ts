import * as fs from 'node:fs';
import { systemdCgroupRoots } from '../hosts/cgroups';
import { discardHost } from '../hosts/lifecycle';
import { step } from '../log';
import { labPaths } from '../paths';
import { ensureRoot } from '../prereqs/prereqs';
import { planHosts, readTopology } from '../topology/topology';
import { up } from './up';

/**
 * A machine replaced at the same address: the hosts' disks are thrown away and `up` boots them afresh from
 * the caches, with new SSH host keys, which it writes to the inventory like any other host's.
 */
export async function rebuild(names: readonly string[], topologyFile: string): Promise<void> {
  ensureRoot('rebuild');
  const known = planHosts(readTopology(topologyFile)).map((host) => host.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`no lab host ${unknown.join(', ')} in the topology: it has ${known.join(', ')}`);
  const paths = labPaths();
  const cgroupRoots = systemdCgroupRoots(fs.readFileSync('/proc/mounts', 'utf8'));
  await step(`throwing away ${names.join(', ')}`, () => Promise.all(names.map((name) => discardHost(paths, name, cgroupRoots))));
  await up(topologyFile);
}
