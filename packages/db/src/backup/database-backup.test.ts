import * as pulumi from '@pulumi/pulumi';
import { built, recordResources, SECRET_MARK, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { DatabaseBackup } from './database-backup';
import type { DatabaseBackupArgs } from './database-backup-args';

const recorded = recordResources();
const db2 = defineHost({ name: 'db2', address: '198.18.0.32', os: 'debian-12', privateKey: 'k' });
const args: DatabaseBackupArgs = {
  host: db2,
  role: 'replica',
  user: 'hastack_backup',
  password: pulumi.secret('s3cretPassw0rdOfLength32xxxxxxxx'),
  database: 'shop',
};

/** What a ConfigFile (or a job's file) writes, from its write command's stdin, a secret unwrapped. */
function written(name: string): string {
  const found = recorded.find((r) => r.name === `${name}-write`);
  if (!found) throw new Error(`nothing named ${name}-write was registered`);
  const stdin = found.inputs.stdin as string | { value: string };
  return typeof stdin === 'string' ? stdin : stdin.value;
}

const build = (name: string, change: Partial<DatabaseBackupArgs> = {}) => built(new DatabaseBackup(name, { ...args, ...change }), (backup) => backup.urn);

describe('DatabaseBackup', () => {
  it('throws every problem with its schedule and its database before creating anything', () => {
    expect(withoutCreating(recorded, () => new DatabaseBackup('bad', { ...args, retention: 0, directory: 'backups', database: 'my-shop' }))).toThrow(
      'DatabaseBackup bad: invalid arguments:\n' +
        '  - retention: 0 is below 1; at least the newest backup is kept\n' +
        '  - directory: "backups" must be an absolute path of letters, digits and ._-/\n' +
        '  - database: "my-shop" is not a plain identifier',
    );
  });

  it('backs up daily at 03:15 into /var/backups/hastack-db keeping 7, and checks the restore at 04:30 on port 3307', async () => {
    const backup = await build('bk');
    expect(backup.directory).toBe('/var/backups/hastack-db');
    expect(backup.backupUnit).toBe('hastack-stack-bk-backup.service');
    expect(backup.restoreCheckUnit).toBe('hastack-stack-bk-restore-check.service');
    expect(written('bk-backup-timer-unit')).toContain('OnCalendar=*-*-* 03:15:00\n');
    expect(written('bk-restore-check-timer-unit')).toContain('OnCalendar=*-*-* 04:30:00\n');
    const script = written('bk-backup-script');
    expect(script).toContain('directory=/var/backups/hastack-db\n');
    expect(script).toContain('head -n -7 |');
    // On a replica the copy is held still by pausing the applier, not by a read lock on the writes.
    expect(script).toContain('STOP SLAVE SQL_THREAD');
    expect(written('bk-restore-check-script')).toContain('--port=3307 --bind-address=127.0.0.1');
    for (const job of ['bk-backup-script', 'bk-restore-check-script']) expect(written(job)).toContain("AND TABLE_SCHEMA = 'shop' ORDER BY");
  });

  it('takes the schedule, folder, retention and scratch port it is given', async () => {
    const schedule = { directory: '/srv/db-backups', retention: 3, onCalendar: 'hourly', restoreCheckOnCalendar: 'weekly', restoreCheckPort: 3399 };
    await build('own', { ...schedule, role: 'primary' });
    expect(written('own-backup-timer-unit')).toContain('OnCalendar=hourly\n');
    expect(written('own-restore-check-timer-unit')).toContain('OnCalendar=weekly\n');
    expect(written('own-backup-script')).toContain('directory=/srv/db-backups\n');
    expect(written('own-backup-script')).toContain('head -n -3 |');
    expect(written('own-backup-script')).toContain('FLUSH TABLES WITH READ LOCK');
    expect(written('own-restore-check-script')).toContain('--port=3399 ');
  });

  it('gives the account to mariabackup and the client in a secret 0600 file', async () => {
    await build('cred');
    const write = recorded.find((r) => r.name === 'cred-credentials-write');
    expect(JSON.stringify(write?.inputs.stdin)).toContain(SECRET_MARK);
    expect(String(write?.inputs.create)).toContain('chmod 0600 "$path"');
    const file = written('cred-credentials');
    for (const group of ['[client]', '[mariabackup]']) expect(file).toContain(`${group}\nuser=hastack_backup\npassword=s3cretPassw0rdOfLength32xxxxxxxx\n`);
  });
});
