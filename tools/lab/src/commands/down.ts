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
import { terminate } from '../processes';
import { strayLabProcesses } from '../leftovers';

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
    removeEmptyNspawnState();
  });
  for (const file of [paths.inventory, paths.knownHosts, paths.hostsDir, paths.runDir, paths.smsDir]) {
    fs.rmSync(file, { recursive: true, force: true });
  }
}

/** systemd-nspawn leaves empty folders of its own in /run; they are the lab's as long as nothing is in them. */
function removeEmptyNspawnState(): void {
  for (const dir of ['/run/systemd/nspawn/propagate', '/run/systemd/nspawn/locks', '/run/systemd/nspawn']) {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) {
      fs.rmdirSync(dir);
    }
  }
}
