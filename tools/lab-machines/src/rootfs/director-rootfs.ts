import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheKey, cachedDir } from '../cache/cache';
import { run } from '../exec';
import { downloadMissingDebs } from './download-debs';

/** Debian's kernel, for `ip_vs`, and what builds the initrd it needs to find virtio and ext4 (both modules). */
const KernelPackages = ['linux-image-amd64', 'initramfs-tools'] as const;

/** What the VM's root needs before it is mounted: the virtio PCI disk and its ext4. */
const InitrdModules = ['virtio_pci', 'virtio_blk', 'ext4'] as const;

const RecipeVersion = 2;

export interface DirectorBase {
  /** Root file system of a director, the base plus the kernel and its modules. */
  readonly rootfs: string;
  readonly kernel: string;
  readonly initrd: string;
}

/** The directors' root file system, kernel and initrd, built once per user and base. */
export async function ensureDirectorBase(cacheDir: string, baseRootfs: string, baseKey: string, logFile: string): Promise<DirectorBase> {
  const dir = path.join(cacheDir, `director-${cacheKey({ base: baseKey, packages: KernelPackages, modules: InitrdModules, recipe: RecipeVersion })}`);
  await cachedDir(dir, async (into) => {
    const rootfs = path.join(into, 'rootfs');
    const debs = path.join(into, 'debs');
    await run('cp', ['-a', '--reflink=auto', baseRootfs, rootfs]);
    await downloadMissingDebs(rootfs, [KernelPackages], debs, logFile);
    // The VM's hardware is known, so the initrd needs only what mounts its root: a tenth of `MODULES=most`'s
    // size, and seconds less to unpack under software emulation at every boot.
    fs.mkdirSync(path.join(rootfs, 'etc/initramfs-tools/conf.d'), { recursive: true });
    fs.writeFileSync(path.join(rootfs, 'etc/initramfs-tools/conf.d/lab.conf'), 'MODULES=list\n');
    // Inside the tree, so the packages' scripts (update-initramfs above all) run against it, not the machine.
    const install = [
      'apt-get install -y --no-install-recommends /debs/*.deb',
      `printf '%s\\n' ${InitrdModules.join(' ')} >> /etc/initramfs-tools/modules`,
      'update-initramfs -u',
      'apt-get clean',
    ].join(' && ');
    await run(
      'systemd-nspawn',
      ['-q', '-D', rootfs, '--register=no', '--keep-unit', `--bind-ro=${debs}:/debs`, '--setenv=DEBIAN_FRONTEND=noninteractive', 'sh', '-c', install],
      { logFile },
    );
    fs.rmSync(debs, { recursive: true });
    const boot = fs.readdirSync(path.join(rootfs, 'boot'));
    const kernel = boot.find((name) => name.startsWith('vmlinuz-'));
    const initrd = boot.find((name) => name.startsWith('initrd.img-'));
    if (!kernel || !initrd) {
      throw new Error(`no kernel or initrd in ${rootfs}/boot after installing ${KernelPackages.join(' ')}`);
    }
    fs.copyFileSync(path.join(rootfs, 'boot', kernel), path.join(into, 'vmlinuz'));
    fs.copyFileSync(path.join(rootfs, 'boot', initrd), path.join(into, 'initrd.img'));
  });
  return { rootfs: path.join(dir, 'rootfs'), kernel: path.join(dir, 'vmlinuz'), initrd: path.join(dir, 'initrd.img') };
}
