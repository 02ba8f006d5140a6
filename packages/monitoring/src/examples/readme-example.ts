import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { NagiosServer, NrpeAgent } from '@hastack/monitoring';

export function watchDatabaseHost(privateKey: pulumi.Input<string>) {
  const monitoring = defineHost({ name: 'mon1', address: '10.0.0.51', os: 'debian-12', privateKey });
  const db = defineHost({ name: 'db1', address: '10.0.0.31', os: 'debian-12', privateKey });
  const agent = new NrpeAgent('db1-nrpe', {
    host: db,
    listenAddress: db.address,
    monitoringAddresses: [monitoring.address],
    commands: [{ name: 'mariadb-up', command: 'mysqladmin --connect-timeout=5 ping >/dev/null && echo OK || { echo CRITICAL; exit 2; }' }],
    thresholds: { diskFreePercent: [15, 5] },
  });
  return new NagiosServer('mon1-nagios', {
    host: monitoring,
    hosts: [{ name: 'db1', address: db.address, groups: ['db'] }],
    services: [...agent.commandNames.map((name) => ({ host: 'db1', name })), { host: 'db1', name: 'mariadb-port', active: 'check_tcp -H 10.0.0.31 -p 3306' }],
    intervals: { checkSeconds: 60, retrySeconds: 20, maxCheckAttempts: 3 },
    sms: {
      settings: pulumi.secret({
        provider: 'aliyun' as const,
        recipients: ['+8613800000000'],
        accessKeyId: 'LTAI...',
        accessKeySecret: 'from pulumi config --secret',
        signName: 'MySite',
        templateCode: 'SMS_123456789',
      }),
      hourlyCap: 20,
    },
  });
}
