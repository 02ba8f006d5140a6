import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { NagiosServer } from '../nagios-server/nagios-server';
import type { NotifierConfig } from './notifier-program/notifier-config';
import { notifierProgram } from './notifier-bundle';
import { SmsNotifier } from './sms-notifier';

const recorded = recordResources();
const host = defineHost({ name: 'monitoring', address: '198.18.0.51', os: 'debian-12', privateKey: 'k' });
const SECRET = 'aliyunSecretThatMustNotLeak000';
const KEY_ID = 'LTAIkeyThatMustNotLeak';
const settings = {
  provider: 'aliyun' as const,
  recipients: ['+8613800000000'],
  accessKeyId: KEY_ID,
  accessKeySecret: SECRET,
  signName: 'Lab',
  templateCode: 'SMS_1',
};
const SECRET_SIG = '4dabf18193072939515e22adb298388d';

/** Every recorded input that runs on a host or names one: what may never hold a credential. */
function commandInputs(prefix: string): string {
  return recorded
    .filter((r) => r.name.startsWith(prefix))
    .map((r) => JSON.stringify(['create', 'update', 'delete', 'environment', 'triggers'].map((key) => r.inputs[key] ?? '')))
    .join('\n');
}

describe('SmsNotifier', () => {
  it('refuses bad arguments before anything exists, naming each', () => {
    expect(
      withoutCreating(
        recorded,
        () =>
          new SmsNotifier('bad', {
            host,
            settings: { ...settings, recipients: ['13800000000'] },
            renotifySeconds: -1,
            hourlyCap: 0,
            retries: { attempts: 10, firstDelayMs: 1000 },
            nagiosUser: 'Nagios User',
          }),
      ),
    ).toThrow(
      new Error(
        [
          'SmsNotifier bad: invalid arguments:',
          '  - renotifySeconds: must be a whole number >= 0, got -1',
          '  - hourlyCap: must be a whole number >= 1, got 0',
          '  - retries: the back-off totals 511000 ms, more than half the 25000 ms a notification may take',
          '  - nagiosUser: "Nagios User" is not a user name',
          '  - settings.recipients[0]: "13800000000" is not an E.164 number (+ then 8 to 15 digits, the first not 0)',
        ].join('\n'),
      ),
    );
  });

  it('writes the program (0755) and the settings as a secret 0640 root:<nagios group> file, with folders the Nagios user owns', async () => {
    // Settings given in the clear still reach the host as a secret.
    const notifier = new SmsNotifier('sms', { host, settings, hourlyCap: 5, nagiosUser: 'icinga' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const files = recorded.find((r) => r.name === 'sms-files-write')!;
    const stdin = files.inputs.stdin as Record<string, unknown>;
    // A secret reaches the engine wrapped with Pulumi's secret signature: encrypted in state, masked in diffs.
    expect(stdin[SECRET_SIG]).toBeDefined();
    const [program, configText] = String(stdin.value)
      .trim()
      .split('\n')
      .map((line) => Buffer.from(line, 'base64').toString('utf8'));
    expect(program).toBe(notifierProgram());
    const config = JSON.parse(configText) as NotifierConfig;
    expect(config).toEqual({
      settings,
      stateDir: '/var/lib/hastack-sms',
      logFile: notifier.logFile,
      renotifySeconds: 3600,
      hourlyCap: 5,
      buildGraceSeconds: 1800,
      retries: { attempts: 4, firstDelayMs: 1000 },
      runBudgetMs: 25000,
    });
    const create = String(files.inputs.create);
    expect(create).toMatch(/\/usr\/local\/lib\/hastack-sms\/notify-sms\.js[\s\S]*chown root\\:root "\$path"\s+chmod 0755/);
    expect(create).toMatch(/\/etc\/hastack\/sms-notifier\.json[\s\S]*chown root\\:icinga "\$path"\s+chmod 0640/);
    for (const [folder, path] of [
      ['sms-lib-dir-directory', '/var/lib/hastack-sms'],
      ['sms-log-dir-directory', '/var/log/hastack-sms'],
    ])
      expect(String(recorded.find((r) => r.name === folder)?.inputs.create)).toMatch(
        new RegExp(`${path}[\\s\\S]*chown icinga\\\\:icinga "\\$path"\\s+chmod 0750`),
      );
    expect(String(recorded.find((r) => r.name === 'sms-packages-install')?.inputs.create)).toContain('nodejs');
    const commands = commandInputs('sms-');
    expect(commands).not.toContain(SECRET);
    expect(commands).not.toContain(KEY_ID);
    expect(notifier.testCommand).toBe(
      'runuser -u icinga -- /usr/bin/node /usr/local/lib/hastack-sms/notify-sms.js --config /etc/hastack/sms-notifier.json test',
    );
  });

  it('touches the host only once settings known later (stack config, another resource) are known and checked', async () => {
    let give: (value: typeof settings) => void = () => undefined;
    new SmsNotifier('later', { host, settings: pulumi.secret(pulumi.output(new Promise<typeof settings>((resolve) => (give = resolve)))) });
    const onHost = () => recorded.filter((r) => r.name.startsWith('later-') && r.type === 'command:remote:Command').map((r) => r.name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onHost()).toEqual([]);
    give(settings);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onHost().sort()).toEqual(['later-files-write', 'later-lib-dir-directory', 'later-log-dir-directory', 'later-packages-install']);
  });

  it('gives Nagios command lines of its macros only, each single-quoted for /bin/sh', () => {
    const notifier = new SmsNotifier('lines', { host, settings });
    const run = '/usr/bin/node /usr/local/lib/hastack-sms/notify-sms.js --config /etc/hastack/sms-notifier.json notify';
    expect(notifier.hostCommandLine).toBe(
      `${run} --type '$NOTIFICATIONTYPE$' --host '$HOSTNAME$' --state '$HOSTSTATE$' --output '$HOSTOUTPUT$' --last-ok '$LASTHOSTUP$' --state-seconds '$HOSTDURATIONSEC$'`,
    );
    expect(notifier.serviceCommandLine).toBe(
      `${run} --type '$NOTIFICATIONTYPE$' --host '$HOSTNAME$' --service '$SERVICEDESC$' --state '$SERVICESTATE$' --output '$SERVICEOUTPUT$' --last-ok '$LASTSERVICEOK$' --state-seconds '$SERVICEDURATIONSEC$'`,
    );
    for (const line of [notifier.hostCommandLine, notifier.serviceCommandLine]) expect(line.replace(/'\$[A-Z]+\$'/g, '')).not.toContain('$');
  });
});

describe('SmsNotifier, through the Nagios server', () => {
  it('refuses bad SMS settings before anything exists, naming each', () => {
    expect(
      withoutCreating(
        recorded,
        () =>
          new NagiosServer('bad', {
            host,
            hosts: [],
            services: [],
            sms: { settings: { ...settings, provider: 'aliyun', recipients: ['13800000000'], accessKeySecret: '' }, hourlyCap: 0 },
          }),
      ),
    ).toThrow(
      /sms\.hourlyCap: must be a whole number >= 1.*\n.*sms\.settings\.recipients\[0\]: "13800000000" is not an E\.164 number.*\n.*sms\.settings\.accessKeySecret: aliyun needs it/s,
    );
  });

  it('writes the credentials as a secret file for Nagios only, and puts none on a command line', async () => {
    const server = new NagiosServer('nagios', {
      host,
      hosts: [{ name: 'web1', address: '198.18.0.21', groups: ['web'] }],
      services: [{ host: 'web1', name: 'apache' }],
      sms: { settings: pulumi.secret(settings) },
    });
    await valueOf(server.configDigest);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const files = recorded.find((r) => r.name === 'nagios-sms-files-write')!;
    expect((files.inputs.stdin as Record<string, unknown>)[SECRET_SIG]).toBeDefined();
    expect(String(files.inputs.create)).toMatch(/chown root\\:nagios "\$path"\s+chmod 0640/);
    const commands = commandInputs('nagios');
    expect(commands).not.toContain(SECRET);
    expect(commands).not.toContain(KEY_ID);
    const objects = recorded.find((r) => r.name === 'nagios-config-write')!;
    const text = String(objects.inputs.stdin)
      .split('\n')
      .map((line) => Buffer.from(line, 'base64').toString('utf8'))
      .join('');
    expect(text).toContain("--service '$SERVICEDESC$'");
    expect(text).not.toContain(SECRET);
    expect(server.sms?.testCommand).toMatch(/^runuser -u nagios -- \/usr\/bin\/node /);
  });
});
