import * as fs from 'node:fs';
import { daemonPid } from '../daemons/daemon';
import { LabDaemonIds } from '../daemons/lab-daemons';
import { containerPid } from '../hosts/container';
import { hostDirs, hostNamesOnDisk, readHostRecord } from '../hosts/host-state';
import { vmPid } from '../hosts/vm';
import { readInventory } from '../inventory/inventory';
import { readStranger } from '../inventory/stranger';
import { linkExists } from '../network/bridge';
import { labPaths } from '../paths';
import { labSsh } from '../ssh/ssh';
import { isSiteHost, LabNetwork } from '../topology/topology';

/** Prints what of the lab runs; exits 0 whatever the state, it only reports. */
export async function status(): Promise<void> {
  const paths = labPaths();
  const lines = [`bridge ${LabNetwork.bridge}: ${linkExists(LabNetwork.bridge) ? 'up' : 'absent'}`];
  for (const daemon of LabDaemonIds) {
    const pid = daemonPid(paths, daemon);
    lines.push(`${daemon.name}: ${pid === undefined ? 'stopped' : `running (pid ${pid})`}`);
  }
  const inventory = fs.existsSync(paths.inventory) ? readInventory(paths.inventory) : undefined;
  lines.push(`inventory: ${inventory ? paths.inventory : 'none (lab:up has not finished)'}`);
  const stranger = readStranger(paths.stranger);
  const loginTargets = [...(inventory?.hosts ?? []), ...(stranger ? [stranger] : [])];
  const rows = await Promise.all(
    hostNamesOnDisk(paths).map(async (name) => {
      const dirs = hostDirs(paths, name);
      const host = readHostRecord(dirs)?.host;
      if (!host) {
        return [name, '?', '?', '', 'half-prepared'];
      }
      const pid = host.kind === 'vm' ? vmPid(dirs) : containerPid(dirs);
      const listed = loginTargets.find((h) => h.name === name);
      let state = pid === undefined ? 'stopped' : `running (pid ${pid})`;
      if (pid !== undefined && listed) {
        const probe = await labSsh(listed, 'systemctl is-system-running');
        state += probe.code === 255 ? ', no SSH' : `, ssh ok, systemd ${probe.stdout.trim()}`;
      }
      return [name, host.kind, host.address, isSiteHost(host) ? host.roles.join(',') : 'stranger (no site host)', state];
    }),
  );
  console.log(lines.join('\n'));
  if (rows.length === 0) {
    console.log('hosts: none');
    return;
  }
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]) : cell)).join('  '));
  }
}
