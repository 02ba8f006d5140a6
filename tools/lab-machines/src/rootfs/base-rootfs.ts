import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheKey, cachedDir } from '../cache/cache';
import { run } from '../exec';
import { DebianSuite } from '../prereqs/debian-source';

/** What every host has before the product installs anything: systemd, sshd, and small tools to look around. */
const BaseIncludes = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'openssh-server',
  'iproute2',
  'python3',
  'procps',
  'kmod',
  'curl',
  'iputils-ping',
  'ca-certificates',
  'less',
] as const;

/** Bump when `makeNeutral` changes, so caches built by the old steps are not reused. */
const RecipeVersion = 1;

export function baseRootfsKey(): string {
  return cacheKey({ suite: DebianSuite, variant: 'minbase', includes: BaseIncludes, recipe: RecipeVersion });
}

/** The shared lower layer of every host, built once per user and key; returns its root folder. */
export async function ensureBaseRootfs(cacheDir: string, debianArchive: string, logFile: string): Promise<string> {
  const dir = path.join(cacheDir, `base-${baseRootfsKey()}`);
  await cachedDir(dir, async (into) => {
    const rootfs = path.join(into, 'rootfs');
    await run('debootstrap', ['--variant=minbase', `--include=${BaseIncludes.join(',')}`, DebianSuite, rootfs, debianArchive], { logFile });
    await makeNeutral(rootfs);
  });
  return path.join(dir, 'rootfs');
}

/**
 * debootstrap copies the machine's identity into the tree and leaves one set of SSH host keys: strip
 * everything a host must have its own of, and every way out to the internet.
 */
async function makeNeutral(rootfs: string): Promise<void> {
  const at = (relative: string) => path.join(rootfs, relative);
  for (const key of fs.readdirSync(at('etc/ssh')).filter((name) => name.startsWith('ssh_host_'))) {
    fs.rmSync(at(`etc/ssh/${key}`));
  }
  fs.writeFileSync(at('etc/machine-id'), '');
  fs.rmSync(at('var/lib/dbus/machine-id'), { force: true });
  fs.symlinkSync('/etc/machine-id', at('var/lib/dbus/machine-id'));
  fs.writeFileSync(at('etc/hostname'), 'localhost\n');
  // The lab has no DNS; /etc/hosts names every lab host.
  fs.writeFileSync(at('etc/resolv.conf'), '');
  fs.rmSync(at('etc/apt/sources.list'), { force: true });
  fs.writeFileSync(at('etc/ssh/sshd_config.d/lab.conf'), 'PermitRootLogin prohibit-password\nPasswordAuthentication no\n');
  await run('chroot', [rootfs, 'systemctl', 'enable', 'systemd-networkd']);
  await run('chroot', [rootfs, 'apt-get', 'clean']);
  for (const list of fs.readdirSync(at('var/lib/apt/lists')).filter((name) => name !== 'partial' && name !== 'lock')) {
    fs.rmSync(at(`var/lib/apt/lists/${list}`), { recursive: true });
  }
}
