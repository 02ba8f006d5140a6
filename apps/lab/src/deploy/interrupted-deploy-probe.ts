import type * as auto from '@pulumi/pulumi/automation';
import { ConfigFile, OneOffStep, Packages, ScheduledJob, Sysctl } from '@hastack/host';
import type { InventoryHost } from '@hastack/inventory';
import { readInventory } from '@hastack/lab-machines';
import { labHost, selectProbeStack } from './probe-stack';

/** What the probe leaves on its host, besides the names the host layer derives from the stack's. */
export const PROBE_DIR = '/etc/hastack-interrupt';

/** Printed by the probe's `up` as each step is done: `created <resource name>`. */
export const CREATED = 'created ';

/**
 * The program of the interrupted-deploy proof: steps of every kind in one chain, so that an update
 * killed after the first ones finds the others not begun. Two steps take 20 s side by side, a config write
 * held by its check and a one-off step, which is when the proof kills the update.
 */
export function interruptedDeployProbe(entry: InventoryHost): auto.PulumiFn {
  return async () => {
    const host = labHost(entry);
    const first = new ConfigFile('interrupt-first', { host, path: `${PROBE_DIR}/first.conf`, content: 'first\n' });
    const sysctl = new Sysctl('interrupt-sysctl', { host, settings: { 'net.core.somaxconn': 1000 } }, { dependsOn: first });
    // The proof kills the update during this run, beside the slow write: the remote script goes on, and the
    // retry must wait for it.
    const step = new OneOffStep(
      'interrupt-step',
      {
        host,
        check: `test -e ${PROBE_DIR}/step.done`,
        run: `echo start >> ${PROBE_DIR}/step.log; sleep 20; echo end >> ${PROBE_DIR}/step.log; touch ${PROBE_DIR}/step.done`,
        undo: `rm -f ${PROBE_DIR}/step.log ${PROBE_DIR}/step.done`,
      },
      { dependsOn: sysctl },
    );
    const slow = new ConfigFile(
      'interrupt-slow',
      { host, path: `${PROBE_DIR}/slow.conf`, content: 'slow\n', mode: '0640', validate: 'sleep 20' },
      { dependsOn: sysctl },
    );
    const packages = new Packages('interrupt-packages', { host, roles: ['ipvsadm'] }, { dependsOn: [slow, step] });
    const job = new ScheduledJob(
      'interrupt-job',
      { host, description: 'Interrupted deploy probe', script: 'true', onCalendar: 'daily' },
      { dependsOn: packages },
    );
    new ConfigFile('interrupt-last', { host, path: `${PROBE_DIR}/last.conf`, content: 'last\n' }, { dependsOn: job });
  };
}

export function selectInterruptedDeployProbe(stackName: string, entry: InventoryHost): Promise<auto.Stack> {
  return selectProbeStack(stackName, interruptedDeployProbe(entry));
}

/** `tsx interrupted-deploy-probe.ts <stack> <host>`: one `up`, run as a child process the proof can kill. */
if (require.main === module) {
  const [stackName, hostName] = process.argv.slice(2);
  const entry = readInventory().hosts.find((candidate) => candidate.name === hostName);
  if (!stackName || !entry) throw new Error('usage: interrupted-deploy-probe.ts <stack> <lab host>');
  void selectInterruptedDeployProbe(stackName, entry).then((stack) =>
    stack.up({
      onEvent: (event) => {
        const done = event.resOutputsEvent?.metadata;
        if (done?.op === 'create') console.log(`${CREATED}${done.urn.split('::').pop()}`);
      },
    }),
  );
}
