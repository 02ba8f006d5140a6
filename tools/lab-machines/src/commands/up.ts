import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBridge } from '../network/bridge';
import { labDaemons } from '../daemons/lab-daemons';
import { ensureDaemon } from '../daemons/daemon';
import { hostPublicKey } from '../hosts/configure';
import { hostDirs, hostNamesOnDisk } from '../hosts/host-state';
import { discardHost, HostInputs, isPreparedAs, lowerLayer, prepareHost, startHost } from '../hosts/lifecycle';
import { buildInventory, writeInventory } from '../inventory/inventory';
import { buildStranger, writeStranger } from '../inventory/stranger';
import { progress, step } from '../log';
import { ensureMirror } from '../mirror/mirror';
import { LabPaths, labPaths } from '../paths';
import { checkMachine, MachineFacts } from '../prereqs/prereqs';
import { baseRootfsKey, ensureBaseRootfs } from '../rootfs/base-rootfs';
import { ensureDirectorBase } from '../rootfs/director-rootfs';
import { ensureLabKey, knownHostsLines, waitForBoot } from '../ssh/ssh';
import { LabHost, planHosts, readTopology } from '../topology/topology';

/** Boot budget per host: the directors boot under software emulation, two at once beside the containers. */
const BootTimeoutMs = 300_000;

/** Brings the lab to the topology: builds what is missing, starts what is stopped, leaves the rest alone. */
export async function up(topologyFile: string): Promise<void> {
  const started = Date.now();
  const paths = labPaths();
  const hosts = planHosts(readTopology(topologyFile));
  const machine = await step('checking the machine', checkMachine);
  try {
    await bringUp(paths, hosts, machine);
  } catch (error) {
    (error as Error).message += '\n(what lab:up started so far keeps running: `npm run lab:down` stops it)';
    throw error;
  }
  progress(`lab is up (${((Date.now() - started) / 1000).toFixed(1)} s): inventory in ${paths.inventory}`);
}

async function bringUp(paths: LabPaths, hosts: readonly LabHost[], machine: MachineFacts): Promise<void> {
  for (const dir of [paths.labDir, paths.logsDir, paths.hostsDir, paths.smsDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const authorizedKey = await ensureLabKey(paths.privateKey);
  const log = (name: string) => path.join(paths.logsDir, `${name}.log`);
  const baseKey = baseRootfsKey();
  const baseRootfs = await step('base root file system (debootstrap, cached)', () =>
    ensureBaseRootfs(paths.cacheDir, machine.debianArchive, log('base-rootfs')),
  );
  const [director, mirrorDir] = await Promise.all([
    hosts.some((host) => host.kind === 'vm')
      ? step("directors' kernel, initrd and root file system (cached)", () => ensureDirectorBase(paths.cacheDir, baseRootfs, baseKey, log('director-base')))
      : undefined,
    step('package mirror (cached)', () => ensureMirror(paths.cacheDir, baseRootfs, baseKey, log('mirror'))),
  ]);
  await step(`bridge and the machine's services on it`, async () => {
    await ensureBridge();
    for (const daemon of labDaemons(paths, mirrorDir)) {
      await ensureDaemon(paths, daemon);
    }
  });
  const inputs: HostInputs = {
    paths,
    allHosts: hosts,
    baseRootfs,
    director,
    mirrorDir,
    authorizedKey,
    cgroupRoots: machine.cgroupRoots,
  };
  await step('hosts', () => bringUpHosts(inputs));
  const publicKey = (host: LabHost) => hostPublicKey(hostDirs(paths, host.name).upper);
  const inventory = buildInventory(hosts, { privateKey: paths.privateKey, smsRecords: paths.smsRecords }, publicKey);
  const stranger = buildStranger(hosts, paths.privateKey, publicKey);
  fs.writeFileSync(paths.knownHosts, knownHostsLines(hosts.map((host) => ({ address: host.address, publicKey: publicKey(host) }))));
  await step('waiting for every host to boot', () =>
    Promise.all(
      [...inventory.hosts, ...(stranger ? [stranger] : [])].map(async (host) => {
        const state = await waitForBoot(host, BootTimeoutMs);
        progress(`  ${host.name} (${host.address}): ${state}`);
      }),
    ),
  );
  writeStranger(paths.stranger, stranger);
  writeInventory(paths.inventory, inventory);
}

async function bringUpHosts(inputs: HostInputs): Promise<void> {
  const { paths, allHosts } = inputs;
  const wanted = new Map(allHosts.map((host) => [host.name, host]));
  for (const name of hostNamesOnDisk(paths)) {
    const host = wanted.get(name);
    if (!host || !isPreparedAs(host, hostDirs(paths, name), lowerLayer(host, inputs))) {
      progress(`  ${name}: not in the topology or built from older parts, discarding it`);
      await discardHost(paths, name, inputs.cgroupRoots);
    }
  }
  await Promise.all(
    allHosts.map(async (host) => {
      if (!isPreparedAs(host, hostDirs(paths, host.name), lowerLayer(host, inputs))) {
        await discardHost(paths, host.name, inputs.cgroupRoots);
        await prepareHost(host, inputs);
      }
      const startedNow = await startHost(host, inputs);
      progress(`  ${host.name} (${host.kind}, ${host.address}): ${startedNow ? 'started' : 'already running'}`);
    }),
  );
}
