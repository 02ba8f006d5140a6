import * as pulumi from '@pulumi/pulumi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordResources } from '@hastack/host/testing';
import { smsAlerts } from './readme-example';

const recorded = recordResources();

it('runs the SMS example the README shows', async () => {
  const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
  expect(readFileSync(join(__dirname, '../../../README.md'), 'utf8')).toContain(example.trim());

  pulumi.runtime.setConfig(
    'project:sms',
    JSON.stringify({ provider: 'twilio', recipients: ['+15005550009'], accountSid: 'AC1', authToken: 'token', from: '+15005550006' }),
  );
  const commands = smsAlerts('PRIVATE KEY');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(commands.service).toContain("--service '$SERVICEDESC$'");
  expect(commands.test).toMatch(/^runuser -u nagios -- \/usr\/bin\/node /);
  const written = recorded.find((r) => r.name === 'monitoring-sms-files-write');
  expect(String(written?.inputs.create)).toContain('/etc/hastack/sms-notifier.json');
});
