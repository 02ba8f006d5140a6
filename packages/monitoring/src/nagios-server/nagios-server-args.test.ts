import * as pulumi from '@pulumi/pulumi';
import { validateNagiosServerArgs, type NagiosServerArgs } from './nagios-server-args';

type Args = Omit<NagiosServerArgs, 'host'>;

const settings = {
  provider: 'aliyun' as const,
  recipients: ['+8613800000000'],
  accessKeyId: 'id',
  accessKeySecret: 'secret',
  signName: 'Lab',
  templateCode: 'SMS_1',
};
const valid: Args = {
  hosts: [
    { name: 'web1', address: '198.18.0.21', groups: ['web'] },
    { name: 'site-vip', address: '198.18.0.100', groups: ['site'], aliveCheck: 'check_http -I 198.18.0.100' },
  ],
  services: [
    { host: 'web1', name: 'check_disk' },
    { host: 'site-vip', name: 'http', active: 'check_http -I 198.18.0.100' },
  ],
  intervals: { checkSeconds: 10, retrySeconds: 5, maxCheckAttempts: 2, notificationSeconds: 0 },
  sms: { settings, hourlyCap: 5 },
  settings: { max_concurrent_checks: 8 },
};
const web1 = valid.hosts[0];

describe('validateNagiosServerArgs', () => {
  it('accepts a whole server', () => {
    expect(validateNagiosServerArgs(valid)).toEqual([]);
  });

  it.each<[string, Partial<Args>, string]>([
    ['a host name', { hosts: [{ ...web1, name: 'web 1' }], services: [] }, 'hosts[0].name: "web 1" is not a host name (letters, digits, _ . -)'],
    ['a host watched twice', { hosts: [web1, { ...web1, address: '198.18.0.22' }], services: [] }, 'hosts[1].name: "web1" is watched twice'],
    ['a group name', { hosts: [{ ...web1, groups: ['web', 'web tier'] }], services: [] }, 'hosts[0].groups[1]: "web tier" is not a group name'],
    ['a host address', { hosts: [{ ...web1, address: '198.18.0' }], services: [] }, 'hosts[0].address: "198.18.0" is not an IPv4 address'],
    ['a service of no watched host', { services: [{ host: 'db1', name: 'lag' }] }, 'services[0].host: "db1" is not a watched host'],
    ['a service name', { services: [{ host: 'web1', name: 'disk free' }] }, 'services[0].name: "disk free" is not a service name (letters, digits, _ . -)'],
    [
      'a service declared twice',
      {
        services: [
          { host: 'web1', name: 'http' },
          { host: 'web1', name: 'http' },
        ],
      },
      'services[1]: "web1/http" is declared twice',
    ],
    ['an active command of two lines', { services: [{ host: 'web1', name: 'http', active: 'true\nfalse' }] }, 'services[0].active: must be one non-empty line'],
    ['an empty active command', { services: [{ host: 'web1', name: 'http', active: ' ' }] }, 'services[0].active: must be one non-empty line'],
    [
      'a dependency on no declared service',
      { services: [{ host: 'web1', name: 'http', active: 'true', dependsOn: [{ host: 'web1', name: 'apache' }] }] },
      'services[0].dependsOn[0]: "web1/apache" is not a declared service',
    ],
    [
      'a service depending on itself',
      { services: [{ host: 'web1', name: 'http', active: 'true', dependsOn: [{ host: 'web1', name: 'http' }] }] },
      'services[0].dependsOn[0]: a service cannot depend on itself',
    ],
    ['a check interval', { intervals: { checkSeconds: 0 } }, 'intervals.checkSeconds: must be a whole number >= 1, got 0'],
    ['a retry interval', { intervals: { retrySeconds: 1.5 } }, 'intervals.retrySeconds: must be a whole number >= 1, got 1.5'],
    ['the attempts', { intervals: { maxCheckAttempts: 0 } }, 'intervals.maxCheckAttempts: must be a whole number >= 1, got 0'],
    ['the reminder interval', { intervals: { notificationSeconds: -1 } }, 'intervals.notificationSeconds: must be a whole number >= 0, got -1'],
    ['the notifier', { sms: { settings, hourlyCap: 0 } }, 'sms.hourlyCap: must be a whole number >= 1, got 0'],
    [
      'the SMS settings',
      { sms: { settings: { ...settings, recipients: ['13800000000'] } } },
      'sms.settings.recipients[0]: "13800000000" is not an E.164 number (+ then 8 to 15 digits, the first not 0)',
    ],
    ['a setting name', { settings: { 'cfg_dir=/etc': 1 } }, 'settings.cfg_dir=/etc: not a nagios.cfg setting name'],
    ['a setting value', { settings: { admin_email: 'root\ncfg_dir=/etc' } }, 'settings.admin_email: the value must be one line'],
  ])('names %s', (_what, change, problem) => {
    expect(validateNagiosServerArgs({ ...valid, ...change })).toEqual([problem]);
  });

  it('names every problem at once', () => {
    expect(validateNagiosServerArgs({ ...valid, hosts: [{ ...web1, address: 'web1.lab' }], services: [{ host: 'db1', name: 'lag' }] })).toEqual([
      'hosts[0].address: "web1.lab" is not an IPv4 address',
      'services[0].host: "db1" is not a watched host',
    ]);
  });

  it('leaves values known only at deploy time for the component to check once they resolve', () => {
    const late: Args = {
      ...valid,
      hosts: [{ ...web1, address: pulumi.output('web1.lab') }],
      services: [{ host: 'web1', name: 'http', active: pulumi.output('') }],
      sms: { settings: pulumi.output({ ...settings, recipients: [] }) },
    };
    expect(validateNagiosServerArgs(late)).toEqual([]);
  });
});
