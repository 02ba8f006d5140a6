import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { NagiosServer } from '../nagios-server/nagios-server';

const recorded = recordResources();
const host = defineHost({ name: 'monitoring', address: '198.18.0.51', os: 'debian-12', privateKey: 'k' });
const SECRET = 'aliyunSecretThatMustNotLeak000';
const settings = { provider: 'aliyun' as const, recipients: ['+8613800000000'], accessKeyId: 'LTAIkey', accessKeySecret: SECRET, signName: 'Lab', templateCode: 'SMS_1' };

describe('SmsNotifier, through the Nagios server', () => {
  it('refuses bad SMS settings before anything exists, naming each', () => {
    const before = recorded.length;
    expect(
      () =>
        new NagiosServer('bad', {
          host,
          hosts: [],
          services: [],
          sms: { settings: { ...settings, provider: 'aliyun', recipients: ['13800000000'], accessKeySecret: '' }, hourlyCap: 0 },
        }),
    ).toThrow(/sms\.hourlyCap: must be a whole number >= 1.*\n.*sms\.settings\.recipients\[0\]: "13800000000" is not an E\.164 number.*\n.*sms\.settings\.accessKeySecret: aliyun needs it/s);
    expect(recorded.length).toBe(before);
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
    // A secret reaches the engine wrapped with Pulumi's secret signature: encrypted in state, masked in diffs.
    expect((files.inputs.stdin as Record<string, unknown>)['4dabf18193072939515e22adb298388d']).toBeDefined();
    expect(String(files.inputs.create)).toMatch(/chown root\\:nagios "\$path"\s+chmod 0640/);
    for (const resource of recorded) {
      for (const key of ['create', 'update', 'delete', 'environment']) expect(JSON.stringify(resource.inputs[key] ?? '')).not.toContain(SECRET);
    }
    const objects = recorded.find((r) => r.name === 'nagios-config-write')!;
    const text = String(objects.inputs.stdin).split('\n').map((line) => Buffer.from(line, 'base64').toString('utf8')).join('');
    expect(text).toContain("--service '$SERVICEDESC$'");
    expect(text).not.toContain(SECRET);
    expect(server.sms?.testCommand).toMatch(/^runuser -u nagios -- \/usr\/bin\/node /);
  });
});
