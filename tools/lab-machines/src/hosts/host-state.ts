import * as fs from 'node:fs';
import * as path from 'node:path';
import { LabPaths } from '../paths';
import { LabHost } from '../topology/topology';

/** Where one host keeps everything of its own, under `.lab/hosts/NAME/`. */
export interface HostDirs {
  readonly dir: string;
  readonly upper: string;
  readonly work: string;
  readonly root: string;
  /** Written last when the host was prepared: what it was made as, from which lower layer. */
  readonly record: string;
  readonly pidFile: string;
  readonly log: string;
  /** The VM's disk image. */
  readonly disk: string;
}

export interface HostRecord {
  readonly host: LabHost;
  readonly lower: string;
}

export function hostDirs(paths: LabPaths, name: string): HostDirs {
  const dir = path.join(paths.hostsDir, name);
  return {
    dir,
    upper: path.join(dir, 'upper'),
    work: path.join(dir, 'work'),
    root: path.join(dir, 'root'),
    record: path.join(dir, 'host.json'),
    pidFile: path.join(dir, 'pid'),
    log: path.join(dir, 'console.log'),
    disk: path.join(dir, 'disk.img'),
  };
}

export function readHostRecord(dirs: HostDirs): HostRecord | undefined {
  return fs.existsSync(dirs.record) ? (JSON.parse(fs.readFileSync(dirs.record, 'utf8')) as HostRecord) : undefined;
}

export function writeHostRecord(dirs: HostDirs, record: HostRecord): void {
  fs.writeFileSync(dirs.record, `${JSON.stringify(record, null, 2)}\n`);
}

/** Names of the hosts that have a folder, prepared or not. */
export function hostNamesOnDisk(paths: LabPaths): string[] {
  return fs.existsSync(paths.hostsDir) ? fs.readdirSync(paths.hostsDir).sort() : [];
}

export function readPid(file: string): number | undefined {
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined;
}
