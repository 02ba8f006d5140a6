import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import * as auto from '@pulumi/pulumi/automation';
import { ConfigFile, defineHost, Packages, ScheduledJob, Service } from '@hastack/host';
import { hostsWithRole } from '../src/probes/failover';
import { PROJECT_NAME } from '../src/deploy/lab-stack';
import { inventory, sh, sshLogins } from './support';

// A host no tier uses yet, so this stack owns everything it finds there.
const target = hostsWithRole(inventory, 'db-primary')[0];
const SECRET = `s3cret-${Date.now().toString(36)}`;
const STACK = 'host-layer-e2e';

function program(apacheConf: string) {
  return async () => {
    const host = defineHost({ ...target, privateKey: pulumi.secret(readFileSync(target.privateKeyPath, 'utf8')) });
    const packages = new Packages('probe-packages', { host, roles: ['webServer'] });
    const conf = new ConfigFile(
      'probe-apache-conf',
      { host, path: '/etc/apache2/conf-enabled/probe.conf', content: apacheConf, validate: host.profile.webServerConfigTest },
      { dependsOn: packages },
    );
    // The secret is read by a command that sleeps, so that `ps` has time to see its arguments if it leaked.
    const secretFile = new ConfigFile(
      'probe-secret',
      { host, path: '/etc/hastack-probe/secret.conf', content: pulumi.secret(`password=${SECRET}\n`), mode: '0600', validate: 'sleep 3' },
      { dependsOn: packages },
    );
    new Service('probe-apache', { host, unit: 'apache2', reloadTriggers: [conf.digest], restartTriggers: [packages.installed] }, { dependsOn: [conf, secretFile] });
    new ScheduledJob('probe-job', { host, description: 'Probe job', script: 'date > /run/hastack-probe-job.ran', onCalendar: 'hourly' });
  };
}

function stackFor(apacheConf: string): Promise<auto.Stack> {
  return auto.LocalWorkspace.createOrSelectStack(
    { projectName: PROJECT_NAME, stackName: STACK, program: program(apacheConf) },
    { secretsProvider: 'passphrase', projectSettings: { name: PROJECT_NAME, runtime: 'nodejs' } },
  );
}

describe('the host layer on a real host', () => {
  afterAll(async () => {
    const stack = await stackFor('ServerSignature Off\n');
    await stack.destroy();
    await stack.workspace.removeStack(STACK);
  });

  it('installs, writes and starts, without the secret ever on a command line or in state', async () => {
    const seen: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) seen.push(await sh(target, 'ps -eo args'));
    })();
    const result = await (await stackFor('ServerSignature Off\n')).up();
    watching = false;
    await watcher;
    expect(result.summary.resourceChanges?.create).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.join('\n')).not.toContain(SECRET);
    expect(await sh(target, 'cat /etc/hastack-probe/secret.conf')).toBe(`password=${SECRET}\n`);
    expect((await sh(target, 'stat -c %a /etc/hastack-probe/secret.conf')).trim()).toBe('600');
    expect((await sh(target, 'systemctl is-active apache2')).trim()).toBe('active');
    const backend = new URL(String(process.env.PULUMI_BACKEND_URL)).pathname;
    const state = readFileSync(join(backend, `.pulumi/stacks/${PROJECT_NAME}/${STACK}.json`), 'utf8');
    expect(state).not.toContain(SECRET);
  });

  it('schedules a job whose timer is active and whose service runs the script', async () => {
    expect((await sh(target, 'systemctl is-active hastack-probe-job.timer')).trim()).toBe('active');
    await sh(target, 'rm -f /run/hastack-probe-job.ran; systemctl start hastack-probe-job.service');
    expect(await sh(target, 'test -s /run/hastack-probe-job.ran && echo ran')).toBe('ran\n');
  });

  it('changes nothing and runs nothing the second time', async () => {
    const before = await sshLogins(target);
    const result = await (await stackFor('ServerSignature Off\n')).up();
    expect(Object.keys(result.summary.resourceChanges ?? {})).toEqual(['same']);
    expect(await sshLogins(target)).toBe(before + 1);
  });

  it("refuses a config Apache rejects, with Apache's message, and keeps the old one serving", async () => {
    const pid = await sh(target, 'systemctl show -p MainPID --value apache2');
    const failure = await (await stackFor('NotADirective on\n')).up().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain("Invalid command 'NotADirective'");
    expect(await sh(target, 'cat /etc/apache2/conf-enabled/probe.conf')).toBe('ServerSignature Off\n');
    expect(await sh(target, 'systemctl show -p MainPID --value apache2')).toBe(pid);
  });

  it('reloads, not restarts, the service when a config changes', async () => {
    const pid = await sh(target, 'systemctl show -p MainPID --value apache2');
    await (await stackFor('ServerSignature Off\nServerTokens Prod\n')).up();
    expect(await sh(target, 'systemctl show -p MainPID --value apache2')).toBe(pid);
    expect(await sh(target, "journalctl -u apache2 -o cat --no-pager | grep -c 'Reloaded' || true")).not.toBe('0\n');
  });

  it('removes what it made on destroy', async () => {
    const stack = await stackFor('ServerSignature Off\n');
    await stack.destroy();
    expect(await sh(target, "dpkg -l 'apache2*' 2>/dev/null | grep '^ii' || true")).toBe('');
    const made = [
      '/etc/hastack-probe/secret.conf',
      '/etc/apache2/conf-enabled/probe.conf',
      '/var/lib/hastack',
      '/etc/systemd/system/hastack-probe-job.timer',
      '/etc/systemd/system/hastack-probe-job.service',
      '/usr/local/lib/hastack',
    ];
    const leftovers = `for p in ${made.join(' ')}; do test ! -e "$p" || echo "$p"; done`;
    expect(await sh(target, leftovers)).toBe('');
    expect(await sh(target, 'systemctl is-active apache2 || true')).not.toBe('active\n');
  });
});
