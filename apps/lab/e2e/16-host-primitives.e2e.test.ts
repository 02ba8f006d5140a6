import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import type * as auto from '@pulumi/pulumi/automation';
import {
  ConfigFile,
  ConfigFileSet,
  Directory,
  hostReady,
  mountUnitName,
  NetworkMount,
  OneOffStep,
  Packages,
  Service,
  shellQuote,
  SystemUser,
} from '@hastack/host';
import { PROJECT_NAME } from '../src/deploy/lab-stack';
import { labHost, selectProbeStack } from '../src/deploy/probe-stack';
import { hostsWithRole } from '../src/probes/failover';
import { inventory, sh } from './support';

// The monitoring host, which no tier deploys to in this run; the host-layer proof (15) uses it too, with
// its own stack and paths, so everything here lives under paths of its own.
const target = hostsWithRole(inventory, 'monitoring')[0];
const STACK = 'host-primitives-e2e';
const SECRET = `probe2-${Date.now().toString(36)}-secret`;
const ROOT = '/srv/hastack-probe2';
const USER = 'hastack-probe2';
const DATA = `${ROOT}/data/chunks`;
/** A folder that is there before the stack: it must survive destroy, with its mode back. */
const EXISTING = `${ROOT}/existing`;
const SOURCE = `${ROOT}/source`;
const MNT = `${ROOT}/mnt`;
const MOUNT_UNIT = shellQuote(mountUnitName(MNT));
const CONF = '/etc/hastack-probe2';
const NAME_FILE = `${CONF}/name.conf`;
const GREETING_FILE = `${CONF}/greeting.conf`;
const READER = 'hastack-probe2-reader.service';
const STEP_RUNS = `${ROOT}/step-runs`;
const STEP_DONE = `${ROOT}/step-done`;

/** What the probe program declares; each test changes one thing. */
interface Probe {
  name: string;
  greeting: string;
  /** A line added to the step's script, which makes the step check again whether it is done. */
  stepNote?: string;
  /** Declare the (Debian) host as rocky-9 and ask for a package. */
  wrongOs?: boolean;
}

const FIRST: Probe = { name: 'alpha', greeting: 'hello for alpha\n' };

// A daemon that reads both files of the set, as Nagios reads its main config and its objects.
const READER_UNIT = [
  '[Unit]',
  'Description=hastack probe: reads the file set',
  '[Service]',
  // Written aside and renamed: a reader of the output never sees it between truncation and write.
  `ExecStart=/bin/bash -c 'while :; do cat ${NAME_FILE} ${GREETING_FILE} > /run/hastack-probe2-reader.new && mv /run/hastack-probe2-reader.new /run/hastack-probe2-reader.out; sleep 1; done'`,
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');

/** The set's check: the greeting must greet the name (a check across both files). */
const SET_CHECK = `name="$(sed -n 's/^name=//p' ${NAME_FILE})"; grep -q "for $name" ${GREETING_FILE} || { echo "the greeting does not greet $name"; exit 1; }`;

function program(probe: Probe) {
  return async () => {
    if (probe.wrongOs) {
      const host = labHost({ ...target, os: 'rocky-9' });
      new Packages('probe2-packages', { host, roles: ['httpClient'] }, { dependsOn: hostReady(host) });
      new Directory('probe2-wrong-os', { host, path: `${ROOT}/wrong-os` });
      return;
    }
    const host = labHost(target);
    const user = new SystemUser('probe2-user', { host, user: USER });
    new Directory('probe2-data', { host, path: DATA, owner: USER, group: USER, mode: '0750' }, { dependsOn: user });
    new Directory('probe2-existing', { host, path: EXISTING, mode: '0700' });
    const set = new ConfigFileSet('probe2-set', {
      host,
      files: [
        { path: NAME_FILE, content: `name=${probe.name}\n` },
        { path: GREETING_FILE, content: probe.greeting, mode: '0640' },
      ],
      validate: SET_CHECK,
    });
    const unit = new ConfigFile('probe2-reader-unit', {
      host,
      path: `/etc/systemd/system/${READER}`,
      content: READER_UNIT,
      validate: 'systemd-analyze verify "$CONFIG_FILE"',
    });
    new Service('probe2-reader', { host, unit: READER, reloadTriggers: [set.digest], restartTriggers: [unit.digest] }, { dependsOn: [set, unit] });
    // The run sleeps, so that the process samples have time to see the secret if it were on a command
    // line or in an environment.
    new OneOffStep('probe2-step', {
      host,
      check: `test -s ${STEP_DONE}`,
      run: `echo run >> ${STEP_RUNS}\nsleep 3\nsha256sum < "$STEP_INPUT" | cut -d" " -f1 > ${STEP_DONE}${probe.stepNote ?? ''}`,
      stdin: pulumi.secret(SECRET),
      undo: `rm -f ${STEP_DONE} ${STEP_RUNS}`,
    });
    const source = new Directory('probe2-source', { host, path: SOURCE });
    new NetworkMount('probe2-mount', { host, what: source.path, where: MNT, type: 'none', options: ['bind'] });
  };
}

function stackFor(probe: Probe): Promise<auto.Stack> {
  return selectProbeStack(STACK, program(probe));
}

/** The update's outcome: its error message (or "succeeded") and the resources whose step started. */
async function attempt(probe: Probe): Promise<{ message: string; started: string[] }> {
  const started: string[] = [];
  const onEvent = (event: auto.EngineEvent) => {
    if (event.resourcePreEvent) started.push(event.resourcePreEvent.metadata.urn);
  };
  const message = await (await stackFor(probe)).up({ onEvent }).then(
    () => 'succeeded',
    (error: Error) => error.message,
  );
  return { message, started };
}

const stateFile = () => readFileSync(join(new URL(String(process.env.PULUMI_BACKEND_URL)).pathname, `.pulumi/stacks/${PROJECT_NAME}/${STACK}.json`), 'utf8');
const readerPid = () => sh(target, `systemctl show -p MainPID --value ${READER}`);

describe('the host primitives on a real host', () => {
  beforeAll(async () => {
    await sh(target, `mkdir -p ${EXISTING} && chmod 0755 ${EXISTING} && echo theirs > ${EXISTING}/keep`);
  });

  afterAll(async () => {
    const stack = await stackFor(FIRST);
    await stack.destroy();
    await stack.workspace.removeStack(STACK);
    await sh(target, `rm -rf ${ROOT}`);
  });

  it('refuses a host declared as another OS before anything runs there, naming host, declared and found OS', async () => {
    const { message, started } = await attempt({ ...FIRST, wrongOs: true });
    expect(message).toContain(`host monitoring (${target.address}) is declared rocky-9 but /etc/os-release says debian 12`);
    // The engine never started the install (nor the folder): the refusal came first, not after a failed dnf.
    expect(started.filter((urn) => urn.endsWith('::probe2-packages-install') || urn.endsWith('::probe2-wrong-os-directory'))).toEqual([]);
    expect(message).not.toMatch(/dnf/);
    expect(await sh(target, `test -e ${ROOT}/wrong-os && echo made || echo absent`)).toBe('absent\n');
  });

  it('creates the user, folders, files, service, step and mount, the secret in no process, log or state', async () => {
    const samples: string[] = [];
    let stepSeen = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const sample = await sh(target, "ls /run/hastack-step.* 2>/dev/null || true; ps -eww -o args; cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n'");
        if (sample.includes('/run/hastack-step.')) stepSeen += 1;
        samples.push(sample);
      }
    })();
    const result = await (await stackFor(FIRST)).up();
    watching = false;
    await watcher;
    expect(stepSeen).toBeGreaterThan(2);
    expect(samples.join('\n')).not.toContain(SECRET);
    expect(`${result.stdout}${result.stderr}${stateFile()}`).not.toContain(SECRET);
    expect(await sh(target, `journalctl --no-pager -o cat | grep -c ${shellQuote(SECRET)} || true`)).toBe('0\n');

    expect(await sh(target, `id -nu ${USER}; id -ng ${USER}; getent passwd ${USER} | cut -d: -f6,7`)).toBe(
      `${USER}\n${USER}\n/nonexistent:/usr/sbin/nologin\n`,
    );
    expect(await sh(target, `stat -c '%U %G %a' ${DATA} ${EXISTING}`)).toBe(`${USER} ${USER} 750\nroot root 700\n`);
    expect(await sh(target, `cat ${NAME_FILE} ${GREETING_FILE}; stat -c %a ${GREETING_FILE}`)).toBe('name=alpha\nhello for alpha\n640\n');
    expect(await sh(target, `systemctl is-active ${READER}`)).toBe('active\n');
    expect(await sh(target, `cat ${STEP_RUNS} ${STEP_DONE}`)).toBe(`run\n${createHash('sha256').update(SECRET).digest('hex')}\n`);
    expect(await sh(target, `mountpoint -q ${MNT} && systemctl is-enabled ${MOUNT_UNIT}`)).toBe('enabled\n');
  });

  it('changes nothing the second time, and the step does not run again', async () => {
    const result = await (await stackFor(FIRST)).up();
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
    expect(await sh(target, `cat ${STEP_RUNS}`)).toBe('run\n');
  });

  it('checks the step again when its script changes, and finds it done', async () => {
    const result = await (await stackFor({ ...FIRST, stepNote: '\n# checked again' })).up();
    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(await sh(target, `cat ${STEP_RUNS}`)).toBe('run\n');
  });

  it('keeps every old file of a set its check refuses, and the service reading them running', async () => {
    const pid = await readerPid();
    const { message } = await attempt({ name: 'beta', greeting: 'hello for nobody\n' });
    expect(message).toContain('the greeting does not greet beta');
    expect(await sh(target, `cat ${NAME_FILE} ${GREETING_FILE}`)).toBe('name=alpha\nhello for alpha\n');
    expect(await sh(target, `ls ${CONF}`)).toBe('greeting.conf\nname.conf\n');
    expect(await readerPid()).toBe(pid);
    expect(await sh(target, `systemctl is-active ${READER} && sleep 1.5 && cat /run/hastack-probe2-reader.out`)).toBe('active\nname=alpha\nhello for alpha\n');
  });

  it('applies an accepted set as one, and the service reading it restarts once', async () => {
    const pid = await readerPid();
    expect((await attempt({ name: 'beta', greeting: 'hello for beta\n' })).message).toBe('succeeded');
    expect(await sh(target, `cat ${NAME_FILE} ${GREETING_FILE}`)).toBe('name=beta\nhello for beta\n');
    expect(await readerPid()).not.toBe(pid);
  });

  it('keeps the mount through a restart of its unit, and mounts again after a failed attempt', async () => {
    await sh(target, `echo through-the-mount > ${SOURCE}/file`);
    await sh(target, `systemctl restart ${MOUNT_UNIT}`);
    expect(await sh(target, `mountpoint -q ${MNT} && cat ${MNT}/file`)).toBe('through-the-mount\n');
    // The source turns into a file (systemd would recreate a missing folder), an attempt fails, the
    // source comes back: the retry mounts it unattended.
    await sh(target, `systemctl stop ${MOUNT_UNIT} && mv ${SOURCE} ${SOURCE}.away && touch ${SOURCE} && (systemctl start ${MOUNT_UNIT} || true)`);
    expect(await sh(target, `systemctl is-failed ${MOUNT_UNIT} || true`)).toBe('failed\n');
    await sh(target, `rm ${SOURCE} && mv ${SOURCE}.away ${SOURCE}`);
    expect(await sh(target, `for i in $(seq 30); do mountpoint -q ${MNT} && break; sleep 1; done; cat ${MNT}/file`)).toBe('through-the-mount\n');
  });

  it('undoes on destroy only what the stack made, and keeps what it found', async () => {
    await (await stackFor(FIRST)).destroy();
    expect(await sh(target, `getent passwd ${USER} || getent group ${USER} || echo none`)).toBe('none\n');
    expect(await sh(target, `mountpoint -q ${MNT} && echo mounted || echo not mounted`)).toBe('not mounted\n');
    expect(await sh(target, `systemctl is-active ${READER} ${MOUNT_UNIT} || true`)).not.toMatch(/^active$/m);
    expect(await sh(target, `ls ${ROOT}; stat -c %a ${EXISTING}; cat ${EXISTING}/keep`)).toBe('existing\n755\ntheirs\n');
    const unitDir = '/etc/systemd/system';
    const made = [
      CONF,
      `${unitDir}/${READER}`,
      `${unitDir}/${mountUnitName(MNT)}`,
      `${unitDir}/hastack-remount-${mountUnitName(MNT).replace(/\.mount$/, '')}.service`,
      `/var/lib/hastack/${STACK}`,
    ];
    expect(await sh(target, `for p in ${made.map(shellQuote).join(' ')}; do test ! -e "$p" || echo "$p"; done`)).toBe('');
  });
});
