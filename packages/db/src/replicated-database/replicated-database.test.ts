import * as pulumi from '@pulumi/pulumi';
import { built, recordResources, SECRET_MARK, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { ReplicatedDatabase } from './replicated-database';
import type { ReplicatedDatabaseArgs } from './replicated-database-args';

const recorded = recordResources();
// Building the whole graph under the mocks takes seconds on a busy machine.
jest.setTimeout(60000);
const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });

const args: ReplicatedDatabaseArgs = {
  members: [
    { host: host('db1', '198.18.0.31'), role: 'primary' },
    { host: host('db2', '198.18.0.32'), role: 'replica' },
  ],
  database: 'shop',
  user: 'shop_app',
  appClients: ['198.18.0.21', '198.18.0.22'],
  monitoringClients: ['198.18.0.51'],
};

const named = (name: string) => recorded.find((r) => r.name === name);
const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const build = (name: string, change: Partial<ReplicatedDatabaseArgs> = {}) =>
  built(new ReplicatedDatabase(name, { ...args, ...change }), (db) => db.replicaAddresses);

describe('ReplicatedDatabase', () => {
  it('throws every argument problem before creating anything', () => {
    expect(withoutCreating(recorded, () => new ReplicatedDatabase('bad', { ...args, members: [args.members[1]], backup: { retention: 0 } }))).toThrow(
      /members: the replicas \(db2\) have no primary.*\n.*backup\.retention: 0 is below 1/s,
    );
  });

  it('gives each member its own server id and address, read-only on the replica, semi-sync on both sides', async () => {
    await build('db');
    const primary = text(named('db-db1-server-conf-write')?.inputs.stdin);
    const replica = text(named('db-db2-server-conf-write')?.inputs.stdin);
    expect(primary).toContain(`server_id = ${198 * 2 ** 24 + 18 * 2 ** 16 + 31}`);
    expect(primary).toContain('bind_address = 198.18.0.31');
    expect(primary).toContain('rpl_semi_sync_master_enabled = ON');
    expect(replica).toContain('bind_address = 198.18.0.32');
    expect(replica).toContain('read_only = ON');
    expect(replica).toContain('rpl_semi_sync_slave_enabled = ON');
    expect(named('db-db1-server-conf-write')?.inputs.create).toContain('mariadbd --help --verbose');
  });

  it('restarts a member only for settings read at start, and applies the others live', () => {
    // Which settings are read at start is renderRestartSettings' test; here, that the service restarts on them.
    expect(text(named('db-db1-mariadb-running')?.inputs.stdin)).toMatch(/^restart-triggers [0-9a-f]{16}\n/);
    expect(text(named('db-db1-settings')?.inputs.create)).toContain('SET GLOBAL rpl_semi_sync_master_timeout = 5000;');
  });

  it('creates each account with its own password on stdin, secret, and never in a command', async () => {
    const steps = recorded.filter((r) => r.name.startsWith('db-') && r.name.endsWith('-step'));
    expect(steps.map((s) => s.name).sort()).toEqual([
      'db-db1-account-app-step',
      'db-db1-account-monitoring-step',
      'db-db1-account-replication-step',
      'db-db1-account-snapshot-step',
      'db-db1-database-step',
      'db-db2-account-app-step',
      'db-db2-account-backup-step',
      'db-db2-account-monitoring-step',
      'db-db2-replication-step',
    ]);
    const passwords = recorded.filter((r) => r.type === 'random:index/randomPassword:RandomPassword' && r.name.startsWith('db-'));
    expect(passwords).toHaveLength(5);
    for (const step of steps.filter((s) => s.name !== 'db-db1-database-step')) {
      expect(text(step.inputs.stdin)).toContain(SECRET_MARK);
    }
    expect(text(named('db-db1-account-replication-step')?.inputs.stdin)).toContain('198.18.0.32');
    expect(text(named('db-db1-account-app-step')?.inputs.stdin)).toContain('198.18.0.21 198.18.0.22');
    expect(text(named('db-db2-account-backup-step')?.inputs.stdin)).toContain('localhost');
    expect(text(named('db-db2-replication-step')?.inputs.stdin)).toContain('198.18.0.31');
  });

  it('grants each tier account what its job needs, server-wide rights only where no database-level one exists', () => {
    const run = (name: string) => String(named(name)?.inputs.create);
    expect(run('db-db2-account-backup-step')).toContain('GRANT BINLOG MONITOR, LOCK TABLES, PROCESS, RELOAD, REPLICATION SLAVE ADMIN ON *.* TO');
    // The backquotes come escaped, the script being quoted inside the step's command.
    expect(run('db-db2-account-backup-step')).toMatch(/GRANT SELECT ON \\*`shop\\*`\.\* TO/);
    expect(run('db-db1-account-monitoring-step')).toContain('GRANT SLAVE MONITOR ON *.* TO');
    expect(run('db-db1-account-replication-step')).toContain('GRANT REPLICATION SLAVE ON *.* TO');
    expect(run('db-db1-account-app-step')).not.toContain('ON *.*');
  });

  it('backs up the replica and checks the restore there', async () => {
    const db = await build('bk');
    expect(db.backupHost).toBe('db2');
    expect(db.backupUnit).toBe('hastack-stack-bk-db2-backup.service');
    expect(text(named('bk-db2-backup-script-write')?.inputs.stdin)).toContain('STOP SLAVE SQL_THREAD');
    expect(text(named('bk-db2-credentials-write')?.inputs.stdin)).toContain(SECRET_MARK);
    expect(db.checks.map((c) => `${c.host} ${c.name}`)).toEqual([
      'db1 mariadb-process',
      'db1 mariadb-login',
      'db1 mariadb-semisync',
      'db2 mariadb-process',
      'db2 mariadb-login',
      'db2 mariadb-semisync',
      'db2 mariadb-replication',
      'db2 mariadb-backup',
      'db2 mariadb-restore-check',
    ]);
    const semiSync = await valueOf(pulumi.output(db.checks.find((c) => c.host === 'db1' && c.name === 'mariadb-semisync')!.command));
    expect(semiSync).toContain("VARIABLE_NAME = 'RPL_SEMI_SYNC_MASTER_STATUS'");
    expect(semiSync).toMatch(/-w 1: -H 198\.18\.0\.31 -P 3306 -f \/etc\/hastack\/db-monitoring\.cnf$/);
  });

  it('purges the data folder and the backups on destroy only when asked', async () => {
    expect(named('db-db2-data')?.inputs.delete).toBeUndefined();
    await build('purged', { purgeData: true });
    expect(named('purged-db2-data')?.inputs.delete).toContain('rm -rf -- /var/lib/mysql /var/lib/hastack-db /var/backups/hastack-db');
    expect(named('purged-db1-data')?.inputs.delete).toContain('/var/backups/hastack-db');
    expect(named('purged-db1-data')?.inputs.create).toBeUndefined();
  });

  it('turns semi-sync off on a primary without replicas, and backs it up under a read lock', async () => {
    const db = await build('alone', { members: [args.members[0]] });
    expect(text(named('alone-db1-server-conf-write')?.inputs.stdin)).toContain('rpl_semi_sync_master_enabled = OFF');
    expect(db.backupHost).toBe('db1');
    expect(text(named('alone-db1-backup-script-write')?.inputs.stdin)).toContain('FLUSH TABLES WITH READ LOCK');
    expect(await valueOf(db.replicaAddresses)).toEqual([]);
  });

  it('on the EL family: its option folder and server binary, and 3306 open to exactly the peers', async () => {
    const el = (name: string, address: string) => defineHost({ name, address, os: 'rocky-9', privateKey: 'k' });
    await build('el', {
      members: [
        { host: el('db1', '198.18.0.31'), role: 'primary' },
        { host: el('db2', '198.18.0.32'), role: 'replica' },
      ],
    });
    expect(named('el-db1-server-conf-write')?.inputs.create).toContain('/etc/my.cnf.d/90-hastack.cnf');
    expect(named('el-db1-server-conf-write')?.inputs.create).toContain('/usr/libexec/mariadbd --help --verbose');
    const rules = text(named('el-db1-firewall-rules')?.inputs.create);
    for (const peer of ['198.18.0.32', '198.18.0.21', '198.18.0.22', '198.18.0.51'])
      expect(rules).toContain(`rule family="ipv4" source address="${peer}" port port="3306" protocol="tcp" accept`);
    expect(rules.match(/rule family/g)).toHaveLength(4);
    expect(recorded.some((r) => r.name === 'db-db1-firewall-rules')).toBe(false);
  });

  it('exports what the web tier wires to', async () => {
    const db = await build('out');
    expect(await valueOf(db.primaryAddress)).toBe('198.18.0.31');
    expect(await valueOf(db.replicaAddresses)).toEqual(['198.18.0.32']);
    expect(await valueOf(db.database)).toBe('shop');
    expect(db.user).toBe('shop_app');
    expect(pulumiIsSecret(db.password)).toBe(true);
  });
});

function pulumiIsSecret(output: unknown): boolean {
  return (output as { isSecret: Promise<boolean> }).isSecret !== undefined;
}
