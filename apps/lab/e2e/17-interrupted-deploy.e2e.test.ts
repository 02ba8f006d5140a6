import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as auto from '@pulumi/pulumi/automation';
import { CREATED, PROBE_DIR, selectInterruptedDeployProbe } from '../src/deploy/interrupted-deploy-probe';
import { locksDirOf, recoverInterruptedUpdate } from '../src/deploy/interrupted-update';
import { hostsWithRole } from '../src/probes/failover';
import { inventory, sh } from './support';
import { waitUntil } from '@hastack/host';
import { killProcessTree } from '@hastack/host/testing';

const target = hostsWithRole(inventory, 'monitoring')[0];
const STACK = 'interrupted-deploy-e2e';
const ROOT = resolve(__dirname, '../../..');

/**
 * Everything the probe's program leaves on the host, with content digests and modes: files, the stack's
 * records, the kernel value, the timer, ipvsadm (its package), and any temporary file a step left. Only
 * this stack's names: another stack may work on the same host meanwhile.
 */
const FINGERPRINT = [
  `for f in ${PROBE_DIR}/* /etc/sysctl.d/90-hastack-${STACK}-* /etc/systemd/system/hastack-${STACK}-* /usr/local/lib/hastack/${STACK}-*; do`,
  '  if [ -e "$f" ]; then echo "$(stat -c "%n %a %U:%G" "$f") $(sha256sum < "$f" | cut -c 1-16)"; fi',
  'done',
  `find /var/lib/hastack/${STACK} -type f 2>/dev/null | sort | while read -r f; do echo "$f $(sha256sum < "$f" | cut -c 1-16)"; done`,
  'sysctl net.core.somaxconn',
  `echo "timer $(systemctl is-enabled hastack-${STACK}-interrupt-job.timer 2>&1) $(systemctl is-active hastack-${STACK}-interrupt-job.timer 2>&1)"`,
  `dpkg-query -W -f='\${db:Status-Abbrev}\${Package}=\${Version}\\n' ipvsadm 2>/dev/null || echo 'ipvsadm absent'`,
  `find ${PROBE_DIR} /etc/sysctl.d /etc/systemd/system /usr/local/lib/hastack /var/lib/hastack/${STACK} -name '*.hastack-*' 2>/dev/null | sed 's/^/temporary /'`,
].join('\n');

/** The Packages record in the state: what the stack installed, dependencies and versions included. */
async function packagesRecord(probe: auto.Stack): Promise<string> {
  const resources = (await probe.exportStack()).deployment.resources as { urn: string; outputs?: { stdout?: string } }[];
  return resources.find((resource) => resource.urn.endsWith('::interrupt-packages-install'))?.outputs?.stdout ?? 'no record';
}

const fingerprint = () => sh(target, FINGERPRINT);
const stack = () => selectInterruptedDeployProbe(STACK, target);

async function upInChildAndKillAfter(createdFirst: string, notCreated: string): Promise<string[]> {
  const child = spawn('tsx', ['apps/lab/src/deploy/interrupted-deploy-probe.ts', STACK, target.name], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const created: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.startsWith(CREATED)) created.push(line.slice(CREATED.length));
  });
  const exited = new Promise((done) => child.once('exit', done));
  await waitUntil(`the probe's up to create ${createdFirst}`, async () => (created.includes(createdFirst) ? true : undefined), 300000, 200);
  // The engine starts the next step (and records it pending) a moment after the previous one is done.
  await sleep(3000);
  expect(created).not.toContain(notCreated);
  killProcessTree(child.pid!);
  await exited;
  return created;
}

describe('a deploy killed half-way', () => {
  let uninterrupted = '';
  let uninterruptedRecord = '';
  let clean = '';

  beforeAll(async () => {
    clean = await fingerprint();
    const reference = await stack();
    await reference.up();
    uninterrupted = await fingerprint();
    uninterruptedRecord = await packagesRecord(reference);
    await reference.destroy();
    expect(await fingerprint()).toBe(clean);
  });

  afterAll(async () => {
    const probe = await stack();
    await recoverInterruptedUpdate(probe, await locksDirOf(probe), () => undefined);
    await probe.destroy();
    await probe.workspace.removeStack(STACK);
  });

  let probe: auto.Stack;
  let created: string[] = [];

  it('is killed with SIGKILL after some of its steps and before the others', async () => {
    created = await upInChildAndKillAfter('interrupt-sysctl-apply', 'interrupt-last-write');
    probe = await stack();
    const state = (await probe.exportStack()).deployment;
    const urns = (state.resources as { urn: string }[]).map((resource) => resource.urn);
    expect(urns.some((urn) => urn.endsWith('::interrupt-sysctl-apply'))).toBe(true);
    expect(urns.some((urn) => urn.endsWith('::interrupt-last-write'))).toBe(false);
    expect(state.pending_operations?.length).toBeGreaterThan(0);
  });

  it('leaves a stack that a plain `up` refuses: locked by a process that is gone', async () => {
    const refused = await probe.up().then(
      () => 'the update ran',
      (error: Error) => error.message,
    );
    expect(refused).toContain('the stack is currently locked');
  });

  it('is recovered by the deploy helper, which says what it cleared', async () => {
    const lines: string[] = [];
    const recovery = await recoverInterruptedUpdate(probe, await locksDirOf(probe), (line) => lines.push(line));
    expect(recovery.staleLocks).toHaveLength(1);
    expect(recovery.pendingOperations.join()).toContain('interrupt-slow-write');
    expect(recovery.pendingOperations.join()).toContain('interrupt-step-step');
    expect(lines).toHaveLength(2);
  });

  // The step's log says `start`, `end` once: the retry waited for the run the killed update left going.
  it('then converges to the host an uninterrupted deploy makes', async () => {
    const result = await probe.up();
    expect(result.summary.resourceChanges?.create).toBeGreaterThan(0);
    expect(created.length).toBeGreaterThan(0);
    expect(await fingerprint()).toBe(uninterrupted);
    expect(await packagesRecord(probe)).toBe(uninterruptedRecord);
  });

  it('and a further up changes nothing', async () => {
    const result = await probe.up();
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
  });

  it('and destroy leaves the host as it was', async () => {
    await probe.destroy();
    expect(await fingerprint()).toBe(clean);
  });
});
