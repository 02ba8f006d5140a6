import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { NagiosWeb } from '@hastack/monitoring';

export function nagiosWebInterface(privateKey: pulumi.Input<string>) {
  const monitoring = defineHost({ name: 'mon1', address: '10.0.0.51', os: 'rocky-9', privateKey });
  // After the NagiosServer on the same host: its packages make the folders the interface's files go in.
  const web = new NagiosWeb('mon1-nagios-web', { host: monitoring, adminSources: ['10.0.9.0/24'] });
  // `pulumi stack output nagiosWeb --show-secrets` shows the password.
  return { nagiosWeb: { url: web.url, user: web.user, password: web.password } };
}
