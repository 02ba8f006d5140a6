import { spawnSync } from 'node:child_process';
import { renderNagiosObjects, type NagiosObjects } from './render-nagios-objects';

const objects: NagiosObjects = {
  intervals: { checkSeconds: 10, retrySeconds: 5, maxCheckAttempts: 2, notificationSeconds: 600 },
  pluginDir: '/usr/lib/nagios/plugins',
  hosts: [
    { name: 'web1', address: '198.18.0.21', groups: ['web'] },
    { name: 'db1', address: '198.18.0.31', groups: ['db', 'web'] },
    { name: 'site-vip', address: '198.18.0.100', groups: ['site'], aliveCheck: 'check_http -I 198.18.0.100' },
  ],
  services: [
    { host: 'web1', name: 'check_disk', check: { nrpe: 'check_disk' } },
    { host: 'db1', name: 'lag', check: { active: `n=$(echo "it's"; echo 5); [ "$n" != x ] && echo "OK: $n"; exit 0` } },
  ],
  notifier: { host: 'notify --host $HOSTNAME$', service: 'notify --service $SERVICEDESC$; true' },
};

/** The definitions of one type, each as its fields. */
function definitions(text: string, type: string): Record<string, string>[] {
  return [...text.matchAll(new RegExp(`define ${type} \\{\\n([^}]*)\\}`, 'g'))].map((match) =>
    Object.fromEntries(
      match[1]
        .trim()
        .split('\n')
        .map((line) => {
          const [key, ...rest] = line.trim().split(/\s+/);
          return [key, line.trim().slice(key.length).trim() || rest.join(' ')];
        }),
    ),
  );
}

/** What Nagios makes of an object file's command line before /bin/sh runs it: `\;` and `$$` unescaped. */
function asNagiosRuns(commandLine: string): string {
  return commandLine.replace(/\\;/g, ';').replace(/\$\$/g, '$');
}

describe('renderNagiosObjects', () => {
  const text = renderNagiosObjects(objects);

  it('gives every host its groups, and the VIP its own alive check', () => {
    expect(definitions(text, 'hostgroup')).toEqual([
      expect.objectContaining({ hostgroup_name: 'db', members: 'db1' }),
      expect.objectContaining({ hostgroup_name: 'site', members: 'site-vip' }),
      expect.objectContaining({ hostgroup_name: 'web', members: 'web1,db1' }),
    ]);
    const hosts = definitions(text, 'host').filter((h) => h.host_name);
    expect(hosts.map((h) => [h.host_name, h.address, h.check_command])).toEqual([
      ['web1', '198.18.0.21', undefined],
      ['db1', '198.18.0.31', undefined],
      ['site-vip', '198.18.0.100', 'hastack-site-vip-alive'],
    ]);
  });

  it("starts hosts and services unchecked, not UP and OK: a first check that fails leaves Nagios's last-OK time at 0", () => {
    expect(definitions(text, 'service')[0]).toMatchObject({ name: 'hastack-service', initial_state: 'u' });
    expect(definitions(text, 'host').find((h) => h.name === 'hastack-host')).toMatchObject({ initial_state: 'u' });
  });

  it('uses the intervals in seconds and notifies the on-call group', () => {
    const [template] = definitions(text, 'service');
    expect(template).toMatchObject({
      name: 'hastack-service',
      register: '0',
      check_interval: '10',
      retry_interval: '5',
      max_check_attempts: '2',
      notification_interval: '600',
      contact_groups: 'hastack-oncall',
    });
    expect(definitions(text, 'contact')[0]).toMatchObject({
      service_notification_commands: 'hastack-notify-service',
      host_notification_commands: 'hastack-notify-host',
    });
  });

  it('asks NRPE by name and runs an active check through bash exactly as written', () => {
    const services = definitions(text, 'service').filter((s) => s.host_name);
    expect(services.map((s) => s.check_command)).toEqual(['hastack-nrpe!check_disk', 'hastack-db1-lag']);
    const command = definitions(text, 'command').find((c) => c.command_name === 'hastack-db1-lag')!;
    expect(command.command_line).not.toMatch(/(^|[^\\]);/);
    const run = spawnSync('/bin/sh', ['-c', asNagiosRuns(command.command_line)]);
    expect(run.stdout.toString()).toBe("OK: it's\n5\n");
  });

  it('keeps the macros of the notifier and escapes its semicolons', () => {
    const notify = definitions(text, 'command').find((c) => c.command_name === 'hastack-notify-service')!;
    expect(notify.command_line).toBe('notify --service $SERVICEDESC$\\; true');
  });

  it('keeps a service that depends on another from paging while that one is not OK, checked and shown all the same', () => {
    const dependent = renderNagiosObjects({
      ...objects,
      services: [...objects.services, { host: 'web1', name: 'http-page', check: { active: 'true' }, dependsOn: [{ host: 'web1', name: 'check_disk' }] }],
    });
    expect(definitions(dependent, 'servicedependency')).toEqual([
      {
        host_name: 'web1',
        service_description: 'check_disk',
        dependent_host_name: 'web1',
        dependent_service_description: 'http-page',
        notification_failure_criteria: 'w,u,c',
        execution_failure_criteria: 'n',
      },
    ]);
    expect(definitions(text, 'servicedependency')).toEqual([]);
    // It pages only after its master's check and retry: by then the master has seen the fault too.
    const services = definitions(dependent, 'service').filter((s) => s.host_name);
    expect(services.map((s) => [s.service_description, s.first_notification_delay])).toEqual([
      ['check_disk', undefined],
      ['lag', undefined],
      ['http-page', '15'],
    ]);
  });

  it('disables notifications without a notifier', () => {
    const quiet = renderNagiosObjects({ ...objects, notifier: undefined });
    expect(definitions(quiet, 'contact')).toEqual([expect.objectContaining({ host_notifications_enabled: '0', service_notifications_enabled: '0' })]);
    expect(definitions(quiet, 'service')[0]).toMatchObject({ notifications_enabled: '0' });
  });
});
