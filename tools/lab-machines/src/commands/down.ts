import * as fs from 'node:fs';
import { LabDaemonIds } from '../daemons/lab-daemons';
import { stopDaemon } from '../daemons/daemon';
import { systemdCgroupRoots } from '../hosts/cgroups';
import { hostNamesOnDisk } from '../hosts/host-state';
import { stopHost } from '../hosts/lifecycle';
import { unmountAllUnder } from '../hosts/overlay';
import { step } from '../log';
import { deleteLink, labLinks, machineLinks } from '../network/bridge';
import { labPaths } from '../paths';
import { ensureRoot } from '../prereqs/prereqs';
import { findProcesses, terminate } from '../processes';
import { LabPrograms, strayLabProcesses } from '../leftovers';

/**
 * Stops every host and service of the lab and removes what it made outside `.lab/` (links, mounts, cgroups),
 * then the hosts' folders. Works from what is there, not from the topology, so it also cleans up after a
 * lab:up that failed half-way. Keeps the SSH key and the logs.
 */
export async function down(): Promise<void> {
  ensureRoot('down');
  const paths = labPaths();
  const cgroupRoots = systemdCgroupRoots(fs.readFileSync('/proc/mounts', 'utf8'));
  await step('stopping hosts', () => Promise.all(hostNamesOnDisk(paths).map((name) => stopHost(paths, name, cgroupRoots))));
  await step('stopping services and removing links and mounts', async () => {
    for (const daemon of LabDaemonIds) {
      await stopDaemon(paths, daemon);
    }
    for (const stray of strayLabProcesses(paths)) {
      await terminate(stray.pid, 5_000);
    }
    await unmountAllUnder(paths.labDir);
    for (const link of labLinks(machineLinks())) {
      await deleteLink(link);
    }
    removeStaleNspawnState();
  });
  for (const file of [paths.inventory, paths.stranger, paths.knownHosts, paths.hostsDir, paths.runDir, paths.smsDir]) {
    fs.rmSync(file, { recursive: true, force: true });
  }
}

/**
 * systemd-nspawn keeps image locks and propagation folders in /run and leaves the locks of a container that
 * was killed. Once no nspawn or qemu process runs on the machine nobody holds them, and the lab owns the machine.
 */
function removeStaleNspawnState(): void {
  if (findProcesses((args) => LabPrograms.test(args[0])).length === 0) {
    fs.rmSync('/run/systemd/nspawn', { recursive: true, force: true });
  }
}
