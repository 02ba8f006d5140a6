import {
  masterConfigCheck,
  METALOGGER_CHANGELOG_FILE,
  METALOGGER_METADATA_FILE,
  mfscliCommand,
  MfscliSections,
  parseExports,
  parseMetaloggers,
} from '@hastack/dfs';
import { shellQuote, waitUntil } from '@hastack/host';
import { hostsWithRole } from '../src/probes/failover';
import { collectDfsStatus, formatDfsStatus } from '../src/status/dfs-status';
import { labSsh } from '@hastack/lab-machines';
import { inventory, sh, throughFirewallHole } from './support';

const [web1, web2] = hostsWithRole(inventory, 'web');
const [master] = hostsWithRole(inventory, 'dfs-master');
const [metalogger] = hostsWithRole(inventory, 'dfs-metalogger');
const chunkservers = hostsWithRole(inventory, 'dfs-chunkserver');
const SHARED = '/srv/shared';
const folder = `${SHARED}/e2e-50-${process.pid}`;
const cli = (section: (typeof MfscliSections)[keyof typeof MfscliSections]) => sh(master, mfscliCommand(master.address, section));

/** The `dd` summary line's seconds and rate ("67108864 bytes (67 MB, 64 MiB) copied, 1.2 s, 55.9 MB/s"). */
function ddRate(output: string): string {
  return /copied, ([\d.]+ s), ([\d.]+ [kMG]?B\/s)/.exec(output)?.slice(1).join(', ') ?? output.trim();
}

describe('MooseFS shared storage', () => {
  beforeAll(() => sh(web1, `mkdir -p ${folder}`));
  afterAll(() => sh(web1, `rm -rf ${folder}`));

  it('reads on web2, byte for byte, a 4 MiB file written on web1, kept on two chunkservers', async () => {
    const written = await sh(web1, `head -c 4194304 /dev/urandom > ${folder}/4mib && sync ${folder}/4mib && sha256sum ${folder}/4mib`);
    const read = await sh(web2, `stat -c %s ${folder}/4mib && sha256sum ${folder}/4mib`);
    expect(read).toBe(`4194304\n${written}`);
    expect(await sh(web2, `mfsgetgoal ${SHARED}`)).toBe(`${SHARED}: 2\n`);
    expect(await sh(web2, `mfscheckfile ${folder}/4mib`)).toContain('chunks with 2 copies:            1');
  });

  it('mounts the tree from the master by address on every web host, for boot too', async () => {
    for (const web of [web1, web2]) {
      expect(await sh(web, `findmnt -n -o SOURCE ${SHARED}`)).toBe(`mfs#${master.address}:9421\n`);
      expect(await sh(web, 'systemctl is-enabled srv-shared.mount')).toBe('enabled\n');
    }
  });

  it('exports the tree to single addresses only: the web hosts (one of them the admin host)', async () => {
    const exported = parseExports(await cli(MfscliSections.exports));
    expect(exported.every((line) => line.from === line.to)).toBe(true);
    expect(exported.map((line) => line.from).sort()).toEqual([web1.address, web2.address].sort());
    expect(await sh(master, "grep -v '^#' /etc/mfs/mfsexports.cfg | cut -f1")).toBe(`${web1.address}\n${web2.address}\n`);
  });

  it('refuses a host that is not a declared client at the master, and lets a declared one in', async () => {
    const outsider = chunkservers[chunkservers.length - 1];
    const before = await sh(outsider, "dpkg-query -W -f '${Package}\\n' | sort");
    try {
      await sh(outsider, 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends moosefs-client >/dev/null 2>&1');
      // The firewall keeps a chunkserver from the clients' port; behind a hole made for it, the exports refuse it.
      const dropped = await labSsh(outsider, `mkdir -p /run/e2e-mnt && timeout 5 bash -c '</dev/tcp/${master.address}/9421' 2>&1`);
      expect(dropped.code).not.toBe(0);
      const refused = await throughFirewallHole(master, outsider.address, 9421, () =>
        labSsh(outsider, `mfsmount /run/e2e-mnt -H ${master.address} -P 9421 2>&1`),
      );
      expect(refused.code).not.toBe(0);
      expect(refused.stdout).toContain('mfsmaster register error: Permission denied');
    } finally {
      const added = (await sh(outsider, "dpkg-query -W -f '${Package}\\n' | sort")).split('\n').filter((name) => name && !before.split('\n').includes(name));
      if (added.length) await sh(outsider, `DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ${added.map(shellQuote).join(' ')} >/dev/null 2>&1`);
      await sh(outsider, 'rmdir /run/e2e-mnt 2>/dev/null || true');
    }
    expect(await sh(outsider, "dpkg-query -W -f '${Package}\\n' | sort")).toBe(before);
    const admitted = await sh(
      web2,
      `mkdir -p /run/e2e-mnt && mfsmount /run/e2e-mnt -H ${master.address} -P 9421 2>&1 && ls /run/e2e-mnt && umount /run/e2e-mnt && rmdir /run/e2e-mnt`,
    );
    expect(admitted).toContain(folder.split('/').pop());
  });

  it('refuses, before it reaches the master, an exports file that mfsmaster would only warn about', async () => {
    const candidate = '/run/e2e-master-check';
    const check = masterConfigCheck({
      configPath: `${candidate}/mfsmaster.cfg`,
      dataPath: '/var/lib/mfs',
      emptyMetadata: '/var/lib/mfs/metadata.mfs.empty',
      user: 'mfs',
    });
    const withExports = (exportsLines: string) =>
      labSsh(
        master,
        [
          `install -d -m 0755 ${candidate}`,
          `sed 's#^EXPORTS_FILENAME = .*#EXPORTS_FILENAME = ${candidate}/mfsexports.cfg#' /etc/mfs/mfsmaster.cfg > ${candidate}/mfsmaster.cfg`,
          `printf ${shellQuote(exportsLines)} > ${candidate}/mfsexports.cfg`,
          `chgrp mfs ${candidate}/*; chmod 0640 ${candidate}/*`,
          `bash -c ${shellQuote(`set -euo pipefail\n${check}`)} 2>&1; status=$?; rm -rf ${candidate}; exit $status`,
        ].join('; '),
        { timeoutMs: 60000 },
      );
    const good = await withExports(`${web1.address}\t/\trw\n`);
    expect(good).toMatchObject({ code: 0, stdout: '' });
    const bad = await withExports(`${web1.address}\t/\trw\n${web2.address.replace(/\d+$/, '300')}\t/\trw\n`);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('mfsexports: incorrect ip/network definition in line: 2');
    expect(await sh(master, 'systemctl is-active moosefs-master')).toBe('active\n');
  });

  it('gives every chunkserver the same config, free of its own address, naming the master by address', async () => {
    const digests = await Promise.all(chunkservers.map((cs) => sh(cs, 'cat /etc/mfs/mfschunkserver.cfg /etc/mfs/mfshdd.cfg | sha256sum')));
    expect(new Set(digests).size).toBe(1);
    for (const cs of chunkservers) {
      expect(await sh(cs, `grep -c -F -w -e ${cs.address} -e ${cs.name} /etc/mfs/mfschunkserver.cfg /etc/mfs/mfshdd.cfg || true`)).toBe(
        '/etc/mfs/mfschunkserver.cfg:0\n/etc/mfs/mfshdd.cfg:0\n',
      );
      expect(await sh(cs, "grep '^MASTER_HOST' /etc/mfs/mfschunkserver.cfg")).toBe(`MASTER_HOST = ${master.address}\n`);
      expect(await sh(cs, "stat -c '%U %a' /srv/mfs-chunks")).toBe('mfs 750\n');
    }
  });

  it('has a metalogger connected, holding a metadata copy younger than its download period and a live change log', async () => {
    expect(parseMetaloggers(await cli(MfscliSections.metaloggers)).map((m) => m.address)).toEqual([metalogger.address]);
    const period = Number((await sh(metalogger, "sed -n 's/^META_DOWNLOAD_FREQ = //p' /etc/mfs/mfsmetalogger.cfg")).trim());
    const age = Number(await sh(metalogger, `echo $(( $(date +%s) - $(stat -c %Y /var/lib/mfs/${METALOGGER_METADATA_FILE}) ))`));
    expect(age).toBeLessThan(period * 3600);
    const changelog = `/var/lib/mfs/${METALOGGER_CHANGELOG_FILE}`;
    const sizeBefore = Number(await sh(metalogger, `stat -c %s ${changelog}`));
    await sh(web1, `touch ${folder}/changed`);
    await waitUntil(
      'the change to reach the metalogger',
      async () => (Number(await sh(metalogger, `stat -c %s ${changelog}`)) > sizeBefore ? true : undefined),
      20000,
      500,
    );
  });

  it('shows in status: the master, the metalogger, each chunkserver connected with its space and one config digest, no chunk under goal, the mounts', async () => {
    const status = (await collectDfsStatus(inventory))!;
    console.log(formatDfsStatus(status).join('\n'));
    expect(status.master.active).toBe(true);
    expect(status.metaloggers.every((m) => m.connected && m.metadataAgeSeconds !== undefined)).toBe(true);
    expect(status.chunkservers.every((cs) => cs.connected && cs.totalBytes! > 0)).toBe(true);
    expect(new Set(status.chunkservers.map((cs) => cs.configDigest)).size).toBe(1);
    expect(status.chunksUnderGoal).toBe(0);
    expect(status.mounts).toEqual([web1, web2].map((web) => ({ name: web.name, mountPoints: [SHARED], session: true })));
  });

  it('measures write and read throughput through the mount (64 MiB)', async () => {
    await sh(web1, 'head -c 67108864 /dev/urandom > /run/e2e-64mib');
    const write = await sh(web1, `dd if=/run/e2e-64mib of=${folder}/64mib bs=1M conv=fsync 2>&1; rm -f /run/e2e-64mib`);
    const read = await sh(web2, `dd if=${folder}/64mib of=/dev/null bs=1M 2>&1`);
    console.log(`MooseFS through the mount, 64 MiB: write on ${web1.name} ${ddRate(write)}; read on ${web2.name} ${ddRate(read)}`);
    expect(write).toContain('67108864 bytes');
    expect(read).toContain('67108864 bytes');
  });
});
