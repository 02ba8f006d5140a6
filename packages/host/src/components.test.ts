import * as pulumi from '@pulumi/pulumi';
import { recordResources, settle } from './testing';
import { ConfigFile, defineHost, Packages, ScheduledJob, Service, Sysctl } from '.';

const recorded = recordResources();

const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'KEY' });
const renamed = defineHost({ name: 'www2', originalName: 'web2', address: '198.18.0.22', os: 'debian-12', privateKey: 'KEY' });
let renamedJob: ScheduledJob;

/** The options each resource was registered with: the mocks see only inputs. */
const options = new Map<string, pulumi.CustomResourceOptions>();
const recordOptions: pulumi.ResourceTransformation = ({ name, opts }) => {
  options.set(name, opts);
  return undefined;
};

function commandsNamed(prefix: string) {
  return recorded.filter((r) => r.type === 'command:remote:Command' && r.name.startsWith(prefix));
}

describe('host components', () => {
  beforeAll(async () => {
    const packages = new Packages('web1-apache', { host, roles: ['webServer', 'httpClient'] });
    const conf = new ConfigFile(
      'web1-site',
      { host, path: '/etc/apache2/conf-enabled/site.conf', content: 'ServerName x\n' },
      { transformations: [recordOptions] },
    );
    new Service(
      'web1-apache2',
      { host, unit: 'apache2', reloadTriggers: [conf.digest], restartTriggers: [packages.installed] },
      { transformations: [recordOptions] },
    );
    new ConfigFile('web1-secret', { host, path: '/etc/app/secret', content: 'hunter2', mode: '0600' });
    new Sysctl('web1-arp', { host, settings: { 'net.ipv4.conf.all.arp_ignore': 1 } });
    new ScheduledJob('backup', { host, description: 'Backup', script: 'echo run', onCalendar: 'daily' });
    new Packages('www2-apache', { host: renamed, roles: ['webServer'] });
    new Sysctl('www2-arp', { host: renamed, settings: { 'net.ipv4.conf.all.arp_ignore': 1 } });
    renamedJob = new ScheduledJob('db-www2-backup', { host: renamed, description: 'Backup', script: 'echo run', onCalendar: 'daily' });
    await settle();
  });

  it('registers components with pkg:module:Type tokens', () => {
    expect(recorded.map((r) => r.type)).toEqual(
      expect.arrayContaining(['hastack:host:Packages', 'hastack:host:ConfigFile', 'hastack:host:Service', 'hastack:host:Sysctl']),
    );
  });

  it("names what it leaves on a renamed host after the host's original name", () => {
    expect(commandsNamed('www2-apache-install')[0].inputs.create).toContain('/var/lib/hastack/stack/packages/web2-apache.before');
    const apply = commandsNamed('www2-arp-apply')[0].inputs;
    expect([apply.create, apply.update, apply.delete].join('\n')).toContain('/etc/sysctl.d/90-hastack-stack-web2-arp.conf');
    expect([apply.create, apply.update, apply.delete].join('\n')).not.toContain('www2');
    expect(renamedJob.timerUnit).toBe('hastack-stack-db-web2-backup.timer');
  });

  it('installs the profile packages of the roles', () => {
    expect(commandsNamed('web1-apache-install')[0].inputs.create).toContain('set -- apache2 curl');
  });

  it("keeps an install's list from before under the stack's name until the install is recorded", () => {
    expect(commandsNamed('web1-apache-install')[0].inputs.create).toContain('/var/lib/hastack/stack/packages/web1-apache.before');
  });

  it('sends file content on stdin, never in the command', () => {
    const write = commandsNamed('web1-secret-write')[0];
    expect(write.inputs.stdin).toBe('hunter2');
    expect(JSON.stringify([write.inputs.create, write.inputs.update, write.inputs.delete])).not.toContain('hunter2');
  });

  it('replaces a file whose path changes, removing the old one first', () => {
    expect(commandsNamed('web1-site-write')[0].inputs.triggers).toEqual(['/etc/apache2/conf-enabled/site.conf']);
    expect(options.get('web1-site-write')?.deleteBeforeReplace).toBe(true);
  });

  it("keeps the files it replaces in the stack's own store", () => {
    expect(commandsNamed('web1-site-write')[0].inputs.create).toContain('/var/lib/hastack/stack/originals/');
  });

  it('replaces a service whose unit changes, disabling the old one first', () => {
    expect(commandsNamed('web1-apache2-running')[0].inputs.triggers).toEqual(['apache2']);
    expect(options.get('web1-apache2-running')?.deleteBeforeReplace).toBe(true);
    expect(commandsNamed('web1-apache2-running')[0].inputs.delete).toContain('disable --now apache2');
  });

  it('runs the service as one command whose update restarts or reloads after the marks of its triggers, given on stdin', () => {
    const running = commandsNamed('web1-apache2-running');
    expect(running).toHaveLength(1);
    expect(running[0].inputs.create).toContain('systemctl restart apache2');
    expect(running[0].inputs.update).toMatch(/systemctl restart apache2[\s\S]*systemctl reload-or-restart apache2/);
    expect(running[0].inputs.stdin).toMatch(/^restart-triggers [0-9a-f]{16}\nreload-triggers [0-9a-f]{16}\n$/);
  });

  it('writes sysctl settings through the checked write, in a file named after the stack and the component', () => {
    const apply = commandsNamed('web1-arp-apply')[0];
    expect(apply.inputs.create).toContain('/etc/sysctl.d/90-hastack-stack-web1-arp.conf');
    expect(apply.inputs.create).toContain('was refused by');
    expect(apply.inputs.stdin).toBe('net.ipv4.conf.all.arp_ignore = 1\n');
  });

  it('schedules a job with a verified service and timer named after the stack, enabled through the timer', () => {
    expect(commandsNamed('backup-timer-unit-write')[0].inputs.create).toContain('systemd-analyze verify');
    expect(commandsNamed('backup-timer-unit-write')[0].inputs.create).toContain('/etc/systemd/system/hastack-stack-backup.timer');
    expect(commandsNamed('backup-timer-running')[0].inputs.create).toContain(
      'systemctl is-enabled --quiet hastack-stack-backup.timer || systemctl enable hastack-stack-backup.timer',
    );
    expect(commandsNamed('backup-script-write')[0].inputs.create).toContain('/usr/local/lib/hastack/stack-backup.sh');
    expect(commandsNamed('backup-script-write')[0].inputs.stdin).toContain('set -euo pipefail\necho run');
  });

  it('keeps the private key secret in the connection', () => {
    const connection = commandsNamed('web1-apache-install')[0].inputs.connection as Record<string, unknown>;
    expect(connection['4dabf18193072939515e22adb298388d']).toBe('1b47061264138c4ac30d75fd1eb44270');
    expect(connection.value).toMatchObject({ host: '198.18.0.21', port: 22, user: 'root', privateKey: 'KEY' });
  });
});
