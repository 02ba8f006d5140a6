import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { SmsNotifier } from '@hastack/monitoring';
import type { SmsSettings } from '@hastack/sms';

export function smsAlerts(privateKey: pulumi.Input<string>) {
  const monitoring = defineHost({ name: 'monitoring', address: '10.0.0.51', os: 'debian-12', privateKey });
  // pulumi config set --secret sms '{"provider":"aliyun","recipients":["+8613800000000"],...}'
  const settings = new pulumi.Config().requireSecretObject<SmsSettings>('sms');
  const sms = new SmsNotifier('monitoring-sms', { host: monitoring, settings, renotifySeconds: 1800, hourlyCap: 20 });
  // Nagios's notification commands; as root on the host, `sms.testCommand` sends a test SMS to every recipient.
  return { host: sms.hostCommandLine, service: sms.serviceCommandLine, test: sms.testCommand, log: sms.logFile };
}
