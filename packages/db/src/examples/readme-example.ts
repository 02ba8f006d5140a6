import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { ReplicatedDatabase } from '@hastack/db';

export function replicatedShopDatabase(privateKey: pulumi.Input<string>) {
  const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey });
  const db = new ReplicatedDatabase('shop-db', {
    members: [
      { host: host('db1', '10.0.0.31'), role: 'primary' },
      { host: host('db2', '10.0.0.32'), role: 'replica' },
    ],
    database: 'shop',
    user: 'shop_app',
    appClients: ['10.0.0.21', '10.0.0.22'],
    monitoringClients: ['10.0.0.51'],
    semiSync: { timeoutMs: 2000 },
    backup: { onCalendar: '*-*-* 02:00:00', retention: 14 },
  });
  return { primary: db.primaryAddress, replicas: db.replicaAddresses, user: db.user, password: db.password };
}
