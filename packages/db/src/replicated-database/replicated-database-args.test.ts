import { defineHost } from '@hastack/host';
import {
  backupMember,
  DatabaseMemberArgs,
  memberRoles,
  ReplicatedDatabaseArgs,
  replicatedDatabaseSettings,
  validateReplicatedDatabaseArgs,
} from './replicated-database-args';

const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });
const db1: DatabaseMemberArgs = { host: host('db1', '198.18.0.31'), role: 'primary' };
const db2: DatabaseMemberArgs = { host: host('db2', '198.18.0.32'), role: 'replica' };
const db3: DatabaseMemberArgs = { host: host('db3', '198.18.0.33'), role: 'replica' };

const valid: ReplicatedDatabaseArgs = {
  members: [db1, db2],
  database: 'shop',
  user: 'shop_app',
  appClients: ['198.18.0.21', '198.18.0.22'],
  monitoringClients: ['198.18.0.51'],
  backup: { retention: 3 },
};

describe('validateReplicatedDatabaseArgs', () => {
  it('accepts a primary with replicas', () => {
    expect(validateReplicatedDatabaseArgs(valid)).toEqual([]);
    expect(validateReplicatedDatabaseArgs({ ...valid, members: [db1] })).toEqual([]);
  });

  it.each<[string, Partial<ReplicatedDatabaseArgs>, string]>([
    ['two primaries', { members: [db1, { ...db3, role: 'primary' }] }, 'members: 2 primaries (db1, db3); exactly one is allowed'],
    ['a replica without a primary', { members: [db2, db3] }, 'members: the replicas (db2, db3) have no primary to follow'],
    ['no member', { members: [] }, 'members: at least one member, the primary, is needed'],
    ['a member twice', { members: [db1, db2, db2] }, 'members[2].host: db2 is listed twice'],
    ['an unknown role', { members: [db1, { ...db2, role: 'standby' as never }] }, 'members[1].role: "standby" is not one of primary, replica'],
    ['a server id out of range', { members: [db1, { ...db2, serverId: 0 }] }, 'members[1].serverId: 0 is outside 1..4294967295'],
    [
      'a server id used twice',
      {
        members: [
          { ...db1, serverId: 7 },
          { ...db2, serverId: 7 },
        ],
      },
      "members[1].serverId: 7 is already db1's",
    ],
    [
      'members of different MariaDB series',
      { members: [db1, { ...db2, host: defineHost({ name: 'db2', address: '198.18.0.32', os: 'rocky-9', privateKey: 'k' }) }] },
      'members: db1 runs MariaDB 10.11 (debian-12), db2 runs MariaDB 10.5 (rocky-9): a replica cannot follow a primary of a newer series',
    ],
    [
      'a member whose OS brings a MariaDB the tier does not run on',
      {
        members: [
          db1,
          {
            ...db2,
            host: { ...db2.host, profile: { ...db2.host.profile, os: 'debian-10' as never, versions: { ...db2.host.profile.versions, mariadb: '10.3' } } },
          },
        ],
      },
      'members[1].host: db2 (debian-10) installs MariaDB 10.3, not a series the tier runs on (10.5, 10.11): it lacks BINLOG MONITOR, REPLICATION SLAVE ADMIN, SLAVE MONITOR, mariadbd, mariadb, mariadb-dump, mariadb-admin',
    ],
    ['a database name that is not a plain identifier', { database: 'shop; DROP' }, 'database: "shop; DROP" is not a plain identifier'],
    ['a database name with a dash', { database: 'my-shop' }, 'database: "my-shop" is not a plain identifier'],
    ['the server database', { database: 'mysql' }, `database: "mysql" is the server's own`],
    ['a user name that is not a plain identifier', { user: "app'@'%" }, `user: "app'@'%" is not a plain identifier`],
    ['a reserved user', { user: 'root' }, 'user: "root" is reserved'],
    ['a retention below 1', { backup: { retention: 0 } }, 'backup.retention: 0 is below 1'],
    ['a fractional retention', { backup: { retention: 1.5 } }, 'backup.retention: 1.5 is below 1'],
    ['a backup host that is no member', { backup: { host: 'web1' } }, 'backup.host: "web1" is not a member'],
    ['a calendar with a newline', { backup: { onCalendar: 'daily\nExecStart=/bin/sh' } }, 'backup.onCalendar: must be one non-empty line'],
    ['a relative backup folder', { backup: { directory: 'backups' } }, 'backup.directory: "backups" must be an absolute path'],
    ['a backup folder climbing up', { backup: { directory: '/var/../etc' } }, 'backup.directory: "/var/../etc" must be an absolute path'],
    ['the scratch port equal to the server port', { backup: { restoreCheckPort: 3306 } }, "backup.restoreCheckPort: 3306 is the servers' own port"],
    ['a web host that is not an address', { appClients: ['web1'] }, 'appClients[0]: "web1" is not an IPv4 address'],
    ['a monitoring host twice', { monitoringClients: ['198.18.0.51', '198.18.0.51'] }, 'monitoringClients[1]: 198.18.0.51 is listed twice'],
    ['a port out of range', { port: 70000 }, 'port: 70000 is outside 1..65535'],
    ['a semi-sync timeout of zero', { semiSync: { timeoutMs: 0 } }, 'semiSync.timeoutMs: 0 is outside 1..3600000'],
    ['a binlog retention of zero', { binlogRetentionDays: 0 }, 'binlogRetentionDays: 0 is outside 1..99'],
  ])('names the argument for %s', (_, change, message) => {
    expect(validateReplicatedDatabaseArgs({ ...valid, ...change })).toContainEqual(expect.stringContaining(message));
  });

  it('reports every problem at once', () => {
    const problems = validateReplicatedDatabaseArgs({ ...valid, members: [db2], database: '1x', backup: { retention: 0 } });
    expect(problems).toHaveLength(3);
  });
});

describe('backupMember', () => {
  it('is the first replica, else the primary, unless one is named', () => {
    expect(backupMember(valid)?.host.name).toBe('db2');
    expect(backupMember({ ...valid, members: [db1] })?.host.name).toBe('db1');
    expect(backupMember({ ...valid, members: [db1, db2, db3], backup: { host: 'db3' } })?.host.name).toBe('db3');
  });
});

describe('replicatedDatabaseSettings', () => {
  it('fills every default once, the backup schedule included, and keeps what is given', () => {
    const settings = replicatedDatabaseSettings({ ...valid, user: undefined, monitoringClients: undefined });
    expect(settings).toMatchObject({ user: 'app', port: 3306, monitoringClients: [], binlogRetentionDays: 7, purgeData: false });
    expect(settings.semiSync).toEqual({ enabled: true, timeoutMs: 5000 });
    expect(settings.backup).toMatchObject({ retention: 3, directory: '/var/backups/hastack-db', restoreCheckPort: 3307 });
    expect(replicatedDatabaseSettings({ ...valid, port: 3310, semiSync: { enabled: false } }).semiSync).toEqual({ enabled: false, timeoutMs: 5000 });
  });

  it("compares the scratch port with the servers' only when the scratch port is given", () => {
    expect(validateReplicatedDatabaseArgs({ ...valid, port: 3307 })).toEqual([]);
  });
});

describe('memberRoles', () => {
  it('names the primary, the replicas and the backup member of valid args, and refuses args without a primary', () => {
    const roles = memberRoles({ ...valid, members: [db1, db2, db3] });
    expect(roles.primary.host.name).toBe('db1');
    expect(roles.replicas.map((m) => m.host.name)).toEqual(['db2', 'db3']);
    expect(roles.backupAt.host.name).toBe('db2');
    expect(() => memberRoles({ ...valid, members: [db2] })).toThrow('validate them first');
  });
});
