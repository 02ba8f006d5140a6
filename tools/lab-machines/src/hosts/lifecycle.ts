import * as fs from 'node:fs';
import { MirrorHttpPort } from '../mirror/mirror';
import { LabPaths } from '../paths';
import { DirectorBase } from '../rootfs/director-rootfs';
import { LabHost, LabNetwork } from '../topology/topology';
import { configureHostRoot } from './configure';
import { ContainerMirrorPath, containerPid, startContainer, stopContainer } from './container';
import { HostDirs, hostDirs, readHostRecord, writeHostRecord } from './host-state';
import { mountOverlay, unmountAllUnder } from './overlay';
import { makeVmDisk, startVm, stopVm, vmBoot, vmPid } from './vm';

/** What the hosts are built from, ready before any host starts. */
export interface HostInputs {
  readonly paths: LabPaths;
  readonly allHosts: readonly LabHost[];
  readonly baseRootfs: string;
  readonly director: DirectorBase | undefined;
  readonly mirrorDir: string;
  readonly authorizedKey: string;
  readonly cgroupRoots: readonly string[];
}

function directorBase(inputs: HostInputs): DirectorBase {
  if (!inputs.director) {
    throw new Error('a VM host, but no director base was built');
  }
  return inputs.director;
}

export function lowerLayer(host: LabHost, inputs: HostInputs): string {
  return host.kind === 'container' ? inputs.baseRootfs : directorBase(inputs).rootfs;
}

function aptSource(host: LabHost): string {
  return host.kind === 'container'
    ? `deb [trusted=yes] file:${ContainerMirrorPath} ./`
    : `deb [trusted=yes] http://${LabNetwork.gateway}:${MirrorHttpPort}/ ./`;
}

/** True when the host's folder was prepared as exactly this host, on the current lower layer. */
export function isPreparedAs(host: LabHost, dirs: HostDirs, lower: string): boolean {
  const record = readHostRecord(dirs);
  return record !== undefined && record.lower === lower && JSON.stringify(record.host) === JSON.stringify(host);
}

/** Gives the host its own root (and, for a VM, its disk); the record is written last, once all is there. */
export async function prepareHost(host: LabHost, inputs: HostInputs): Promise<void> {
  const dirs = hostDirs(inputs.paths, host.name);
  const lower = lowerLayer(host, inputs);
  await mountOverlay(lower, dirs);
  await configureHostRoot(dirs.root, host, inputs.allHosts, {
    authorizedKey: inputs.authorizedKey,
    aptSource: aptSource(host),
  });
  if (host.kind === 'vm') {
    await makeVmDisk(dirs.root, dirs.disk);
    // The VM boots from its image; the overlay stays only as the record of what went into it.
    await unmountAllUnder(dirs.root);
  }
  writeHostRecord(dirs, { host, lower });
}

/** Starts a prepared host unless it runs; returns whether it was started now. */
export async function startHost(host: LabHost, inputs: HostInputs): Promise<boolean> {
  const dirs = hostDirs(inputs.paths, host.name);
  if (host.kind === 'vm') {
    if (vmPid(dirs) !== undefined) {
      return false;
    }
    await startVm(host, vmBoot(host, dirs, directorBase(inputs)));
    return true;
  }
  if (containerPid(dirs) !== undefined) {
    return false;
  }
  await mountOverlay(inputs.baseRootfs, dirs);
  startContainer(host, dirs, inputs.mirrorDir, inputs.cgroupRoots);
  return true;
}

/** Stops whatever runs of the host, VM or container, prepared or half-prepared. */
export async function stopHost(paths: LabPaths, name: string, cgroupRoots: readonly string[]): Promise<void> {
  const dirs = hostDirs(paths, name);
  const host = readHostRecord(dirs)?.host;
  if (host?.kind === 'vm') {
    await stopVm(host, dirs);
  } else {
    await stopContainer(name, dirs, cgroupRoots);
  }
}

/** Stops the host and throws its folder away (its root, upper layer and disk). */
export async function discardHost(paths: LabPaths, name: string, cgroupRoots: readonly string[]): Promise<void> {
  await stopHost(paths, name, cgroupRoots);
  const dirs = hostDirs(paths, name);
  await unmountAllUnder(dirs.dir);
  fs.rmSync(dirs.dir, { recursive: true, force: true });
}
