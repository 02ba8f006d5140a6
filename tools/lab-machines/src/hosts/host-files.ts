import { LabHost, LabNetwork } from '../topology/topology';

export interface HostFile {
  /** Relative to the host's root. */
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

export interface HostIdentity {
  /** 32 hex digits, the host's own (debootstrap leaves the machine's). */
  readonly machineId: string;
  /** The lab's public key, allowed to log in as root. */
  readonly authorizedKey: string;
  /** The one apt source the host has: the lab's mirror. */
  readonly aptSource: string;
}

/** The files that make a copy of the base into one particular lab host. */
export function hostFiles(host: LabHost, allHosts: readonly LabHost[], identity: HostIdentity): HostFile[] {
  const file = (path: string, lines: readonly string[], mode = 0o644): HostFile => ({
    path,
    content: `${lines.join('\n')}\n`,
    mode,
  });
  return [
    file('etc/hostname', [host.name]),
    file('etc/machine-id', [identity.machineId], 0o444),
    file('etc/hosts', ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback', ...allHosts.map((other) => `${other.address} ${other.name}`)]),
    file('etc/systemd/network/10-lab.network', [
      '[Match]',
      `Name=${host.interface}`,
      '',
      '[Network]',
      `Address=${host.address}/${LabNetwork.prefixLength}`,
      // No Gateway: nothing in the lab may leave the bridge, so other destinations fail at once.
      'IPv6AcceptRA=no',
    ]),
    file('etc/apt/sources.list.d/lab-mirror.list', [identity.aptSource]),
    // As in Debian's container images: a host thrown away with its disk needs no fsync per unpacked file,
    // nor manuals or translations, which nothing of the stack reads. Under the directors' software
    // emulation both cost seconds per package.
    file('etc/dpkg/dpkg.cfg.d/lab-minimal', [
      'force-unsafe-io',
      'path-exclude=/usr/share/man/*',
      'path-exclude=/usr/share/locale/*',
      'path-exclude=/usr/share/doc/*',
      'path-include=/usr/share/doc/*/copyright',
    ]),
    file('root/.ssh/authorized_keys', [identity.authorizedKey.trim()], 0o600),
  ];
}
