import { backupSchedule, DEFAULT_BACKUP_DIRECTORY, validateBackupSchedule } from './database-backup-args';

describe('backupSchedule', () => {
  it('fills every default and keeps what is given', () => {
    expect(backupSchedule({})).toEqual({
      directory: DEFAULT_BACKUP_DIRECTORY,
      retention: 7,
      onCalendar: '*-*-* 03:15:00',
      restoreCheckOnCalendar: '*-*-* 04:30:00',
      restoreCheckPort: 3307,
    });
    expect(backupSchedule({ retention: 2, directory: '/srv/b' })).toMatchObject({ retention: 2, directory: '/srv/b', restoreCheckPort: 3307 });
  });
});

describe('validateBackupSchedule', () => {
  it('accepts the defaults', () => expect(validateBackupSchedule({})).toEqual([]));

  it.each<[string, Parameters<typeof validateBackupSchedule>[0], string]>([
    ['a retention below 1', { retention: 0 }, 'retention: 0 is below 1'],
    ['a calendar on two lines', { onCalendar: 'daily\nExecStart=/bin/sh' }, 'onCalendar: must be one non-empty line'],
    ['an empty restore calendar', { restoreCheckOnCalendar: ' ' }, 'restoreCheckOnCalendar: must be one non-empty line'],
    ['the root folder', { directory: '/' }, 'directory: "/" must be an absolute path'],
    ['a folder with a blank', { directory: '/var/my backups' }, 'directory: "/var/my backups" must be an absolute path'],
    ['a scratch port out of range', { restoreCheckPort: 0 }, 'restoreCheckPort: 0 is outside 1..65535'],
  ])('names the field for %s', (_, schedule, message) => {
    expect(validateBackupSchedule(schedule)).toEqual([expect.stringContaining(message)]);
  });
});
