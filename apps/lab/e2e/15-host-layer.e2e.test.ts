import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import type * as auto from '@pulumi/pulumi/automation';
import { ConfigFile, Packages, ScheduledJob, Service, Sysctl } from '@hastack/host';
import { PROJECT_NAME } from '../src/deploy/lab-stack';
import { labHost, selectProbeStack } from '../src/deploy/probe-stack';
import { hostsWithRole } from '../src/probes/failover';
import { inventory, sh, sshLogins } from './support';

// A host where no tier installs Apache (the monitoring host serves Nagios's pages), so the probe's Apache is its own.
const target = hostsWithRole(inventory, 'dfs-chunkserver').at(-1)!;
const SECRET = `s3cret-${Date.now().toString(36)}`;
const STACK = 'host-layer-e2e';
/** Where the note moves to; a file is there before the stack, and destroy must put it back. */
const KEPT_NOTE = '/etc/hastack-probe-kept/note.conf';

/** What the probe program declares; each test changes one thing. */
interface Probe {
  apacheConf: string;
  secretMode: string;
  notePath: string;
  sysctl: Record<string, number>;
}

const FIRST: Probe = {
  apacheConf: 'ServerSignature Off\n',
  secretMode: '0600',
  notePath: '/etc/hastack-probe/note.conf',
  sysctl: { 'net.core.somaxconn': 1024, 'net.ipv4.ip_default_ttl': 65 },
};

function program(probe: Probe) {
  return async () => {
    const host = labHost(target);
    const packages = new Packages('probe-packages', { host, roles: ['webServer'] });
    const conf = new ConfigFile(
      'probe-apache-conf',
      { host, path: '/etc/apache2/conf-enabled/probe.conf', content: probe.apacheConf, validate: host.profile.webServerConfigTest },
      { dependsOn: packages },
    );
    // The secret is read by a command that sleeps, so that `ps` has time to see its arguments if it leaked.
    const secretFile = new ConfigFile(
      'probe-secret',
      { host, path: '/etc/hastack-probe/secret.conf', content: pulumi.secret(`password=${SECRET}\n`), mode: probe.secretMode, validate: 'sleep 3' },
      { dependsOn: packages },
    );
    const note = new ConfigFile('probe-note', { host, path: probe.notePath, content: 'written by the probe\n' });
    const service = new Service(
      'probe-apache',
      { host, unit: 'apache2', reloadTriggers: [conf.digest], restartTriggers: [packages.installed] },
      { dependsOn: [conf, secretFile] },
    );
    const job = new ScheduledJob('probe-job', { host, description: 'Probe job', script: 'date > /run/hastack-probe-job.ran', onCalendar: 'hourly' });
    // Last, so that when the kernel refuses a value every other step has reported: a failure while the
    // program still registers resources leaves it calling an engine that is gone.
    new Sysctl('probe-sysctl', { host, settings: probe.sysctl }, { dependsOn: [note, service, job] });
  };
}

function stackFor(probe: Probe): Promise<auto.Stack> {
  return selectProbeStack(STACK, program(probe));
}

async function up(probe: Probe): Promise<auto.UpResult> {
  return (await stackFor(probe)).up();
}

async function refusal(probe: Probe): Promise<string> {
  return up(probe).then(
    () => 'the update succeeded',
    (error: Error) => error.message,
  );
}

const installedPackages = () => sh(target, "dpkg-query -W -f='${db:Status-Abbrev}${Package}\\n' | sed -n 's/^ii //p' | sort");
const kernelValues = () => sh(target, 'sysctl -n net.core.somaxconn net.ipv4.ip_default_ttl');

describe('the host layer on a real host', () => {
  let packagesBefore = '';
  let kernelBefore = '';

  beforeAll(async () => {
    // An orphan package of someone else's, which `apt-get autoremove` would take: the stack must not.
    await sh(target, 'apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y hello >/dev/null && apt-mark auto hello');
    await sh(target, `mkdir -p ${join(KEPT_NOTE, '..')} && echo 'from before the stack' > ${KEPT_NOTE}`);
    packagesBefore = await installedPackages();
    kernelBefore = await kernelValues();
  });

  afterAll(async () => {
    const stack = await stackFor(FIRST);
    await stack.destroy();
    await stack.workspace.removeStack(STACK);
    await sh(target, `rm -rf ${join(KEPT_NOTE, '..')}; DEBIAN_FRONTEND=noninteractive apt-get -qq purge -y hello >/dev/null`);
  });

  it('installs, writes and starts, without the secret ever on a command line or in state', async () => {
    const seen: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) seen.push(await sh(target, 'ps -eo args'));
    })();
    const result = await up(FIRST);
    watching = false;
    await watcher;
    expect(result.summary.resourceChanges?.create).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.join('\n')).not.toContain(SECRET);
    expect(await sh(target, 'cat /etc/hastack-probe/secret.conf')).toBe(`password=${SECRET}\n`);
    expect((await sh(target, 'stat -c %a /etc/hastack-probe/secret.conf')).trim()).toBe('600');
    expect((await sh(target, 'systemctl is-active apache2')).trim()).toBe('active');
    expect(await kernelValues()).toBe('1024\n65\n');
    expect(await sh(target, `cat /etc/sysctl.d/90-hastack-${STACK}-probe-sysctl.conf`)).toBe('net.core.somaxconn = 1024\nnet.ipv4.ip_default_ttl = 65\n');
    const backend = new URL(String(process.env.PULUMI_BACKEND_URL)).pathname;
    const state = readFileSync(join(backend, `.pulumi/stacks/${PROJECT_NAME}/${STACK}.json`), 'utf8');
    expect(state).not.toContain(SECRET);
  });

  it('schedules a job, named after the stack, whose timer is active and whose service runs the script', async () => {
    const unit = `hastack-${STACK}-probe-job`;
    expect((await sh(target, `systemctl is-active ${unit}.timer`)).trim()).toBe('active');
    await sh(target, `rm -f /run/hastack-probe-job.ran; systemctl start ${unit}.service`);
    expect(await sh(target, 'test -s /run/hastack-probe-job.ran && echo ran')).toBe('ran\n');
  });

  it('changes nothing and runs nothing the second time', async () => {
    const before = await sshLogins(target);
    const result = await up(FIRST);
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
    expect(await sshLogins(target)).toBe(before + 1);
  });

  it("refuses a config Apache rejects, with Apache's message, and keeps the old one serving", async () => {
    const pid = await sh(target, 'systemctl show -p MainPID --value apache2');
    expect(await refusal({ ...FIRST, apacheConf: 'NotADirective on\n' })).toContain("Invalid command 'NotADirective'");
    expect(await sh(target, 'cat /etc/apache2/conf-enabled/probe.conf')).toBe('ServerSignature Off\n');
    expect(await sh(target, 'systemctl show -p MainPID --value apache2')).toBe(pid);
  });

  it('reloads, not restarts, the service when a config changes', async () => {
    const started = 'systemctl show -p MainPID -p ExecMainStartTimestampMonotonic apache2';
    const before = await sh(target, started);
    const cursor = (await sh(target, 'journalctl -n 1 --show-cursor --no-pager -q | sed -n "s/^-- cursor: //p"')).trim();
    await up({ ...FIRST, apacheConf: 'ServerSignature Off\nServerTokens Prod\n' });
    const since = await sh(target, `journalctl -u apache2 --after-cursor='${cursor}' -o cat --no-pager`);
    expect(await sh(target, started)).toBe(before);
    expect(since).toMatch(/^Reloaded apache2\.service/m);
    expect(since).not.toMatch(/^(Stopping|Stopped|Starting|Started) apache2\.service/m);
  });

  it('applies a new mode to a file whose content is unchanged', async () => {
    await up({ ...FIRST, secretMode: '0640' });
    expect((await sh(target, 'stat -c %a /etc/hastack-probe/secret.conf')).trim()).toBe('640');
  });

  it('moves a file whose path changes: the old one goes, what was at the new path is kept for destroy', async () => {
    await up({ ...FIRST, secretMode: '0640', notePath: KEPT_NOTE });
    expect(await sh(target, 'test -e /etc/hastack-probe/note.conf && echo still there || echo gone')).toBe('gone\n');
    expect(await sh(target, `cat ${KEPT_NOTE}`)).toBe('written by the probe\n');
  });

  it("rolls back a sysctl value the kernel refuses, file and values, with sysctl's message", async () => {
    const message = await refusal({
      ...FIRST,
      secretMode: '0640',
      notePath: KEPT_NOTE,
      sysctl: { 'net.core.somaxconn': 2048, 'net.ipv4.ip_default_ttl': 300 },
    });
    expect(message).toContain('sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument');
    expect(await kernelValues()).toBe('1024\n65\n');
    expect(await sh(target, `cat /etc/sysctl.d/90-hastack-${STACK}-probe-sysctl.conf`)).toBe('net.core.somaxconn = 1024\nnet.ipv4.ip_default_ttl = 65\n');
  });

  it('removes exactly what it installed and made on destroy, and puts back what it found', async () => {
    const stack = await stackFor(FIRST);
    const resources = (await stack.exportStack()).deployment.resources as { urn: string; outputs?: { stdout?: string } }[];
    const record = resources.find((resource) => resource.urn.endsWith('::probe-packages-install'))?.outputs?.stdout ?? '';
    const installed = [...record.matchAll(/^installed ([^=]+)=/gm)].map((match) => match[1]);
    expect(installed).toEqual(expect.arrayContaining(['apache2', 'apache2-bin', 'libapr1']));
    await stack.destroy();
    // Other stacks may install packages on this host meanwhile: what this one installed is gone, and
    // every package that was there before it, the orphan included, is still there.
    const after = (await installedPackages()).split('\n');
    expect(installed.filter((name) => after.includes(name))).toEqual([]);
    expect(packagesBefore.split('\n').filter((name) => !after.includes(name))).toEqual([]);
    expect(packagesBefore).toMatch(/^hello$/m);
    expect(await kernelValues()).toBe(kernelBefore);
    expect(await sh(target, `cat ${KEPT_NOTE}`)).toBe('from before the stack\n');
    const made = [
      '/etc/hastack-probe',
      '/etc/apache2/conf-enabled/probe.conf',
      `/var/lib/hastack/${STACK}`,
      `/etc/sysctl.d/90-hastack-${STACK}-probe-sysctl.conf`,
      `/etc/systemd/system/hastack-${STACK}-probe-job.timer`,
      `/etc/systemd/system/hastack-${STACK}-probe-job.service`,
      `/usr/local/lib/hastack/${STACK}-probe-job.sh`,
    ];
    const leftovers = `for p in ${made.join(' ')}; do test ! -e "$p" || echo "$p"; done`;
    expect(await sh(target, leftovers)).toBe('');
    expect(await sh(target, 'systemctl is-active apache2 || true')).not.toBe('active\n');
  });
});
