import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { NrpeAgent } from '@hastack/monitoring';

export function watchDatabaseHost(privateKey: pulumi.Input<string>) {
  const db = defineHost({ name: 'db1', address: '10.0.0.31', os: 'debian-12', privateKey });
  return new NrpeAgent('db1-nrpe', {
    host: db,
    listenAddress: db.address,
    monitoringAddresses: ['10.0.0.51'],
    commands: [{ name: 'mariadb-up', command: 'mysqladmin --connect-timeout=5 ping' }],
    thresholds: { diskFreePercent: [15, 5] },
  });
}
