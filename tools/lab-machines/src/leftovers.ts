import * as fs from 'node:fs';
import { LabDaemonIds } from './daemons/lab-daemons';
import { systemdCgroupRoots } from './hosts/cgroups';
import { mountsUnder } from './hosts/overlay';
import { labLinks, machineLinks } from './network/bridge';
import { LabPaths } from './paths';
import { findProcesses, ProcessInfo } from './processes';

/** The programs that run the lab's hosts, by the path they were started with. */
export const LabPrograms = /(^|\/)(systemd-nspawn|qemu-system-x86_64)$/;

/** Containers, VMs and daemons of this clone's lab, found by their command lines rather than pid files. */
export function strayLabProcesses(paths: LabPaths): ProcessInfo[] {
  const entries: string[] = LabDaemonIds.map((daemon) => daemon.entry);
  return findProcesses((args) => (LabPrograms.test(args[0]) && args.some((arg) => arg.includes(paths.labDir))) || args.some((arg) => entries.includes(arg)));
}

/**
 * Everything a lab leaves on the machine outside `.lab/`, described one per line; empty when the lab is
 * down and clean. Any nspawn or qemu process counts, whoever started it: the lab owns the machine.
 */
export function labLeftovers(paths: LabPaths): string[] {
  const leftovers: string[] = [];
  for (const proc of findProcesses((args) => LabPrograms.test(args[0]))) {
    leftovers.push(`process ${proc.pid}: ${proc.args.join(' ')}`);
  }
  for (const proc of strayLabProcesses(paths).filter((p) => !LabPrograms.test(p.args[0]))) {
    leftovers.push(`process ${proc.pid}: ${proc.args.join(' ')}`);
  }
  for (const link of labLinks(machineLinks())) {
    leftovers.push(`network link ${link}`);
  }
  const mounts = fs.readFileSync('/proc/mounts', 'utf8');
  for (const mountPoint of mountsUnder(mounts, paths.labDir)) {
    leftovers.push(`mount ${mountPoint}`);
  }
  for (const line of mounts.split('\n').filter((l) => l.startsWith('overlay ') && l.includes(paths.cacheDir))) {
    leftovers.push(`overlay mount on the lab's base: ${line}`);
  }
  for (const root of systemdCgroupRoots(mounts)) {
    for (const entry of fs.readdirSync(root).filter((name) => name.startsWith('lab-'))) {
      leftovers.push(`cgroup ${root}/${entry}`);
    }
  }
  if (fs.existsSync('/run/systemd/nspawn')) {
    leftovers.push('folder /run/systemd/nspawn');
  }
  for (const file of [paths.inventory, paths.stranger, paths.hostsDir, paths.runDir]) {
    if (fs.existsSync(file)) {
      leftovers.push(`lab state ${file}`);
    }
  }
  return leftovers;
}
