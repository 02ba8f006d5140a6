import { recordResources, valueOf, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { SystemUser, validateSystemUserArgs } from './system-user';

const recorded = recordResources();
const host = defineHost({ name: 'dfs-chunk1', address: '198.18.0.42', os: 'rocky-9', privateKey: 'KEY' });

describe('SystemUser', () => {
  it('names every bad argument', () => {
    expect(validateSystemUserArgs({ user: '0', group: 'Bad Group', home: 'var/lib', shell: '/bin/sh' })).toEqual([
      'user: "0" must be a name, not a number',
      'group: "Bad Group" is not a user or group name',
      'home: "var/lib" must be an absolute path below /',
    ]);
  });

  it('refuses bad arguments before creating anything', () => {
    expect(withoutCreating(recorded, () => new SystemUser('bad', { host, user: '0' }))).toThrow(
      'SystemUser bad: invalid arguments:\n  - user: "0" must be a name, not a number',
    );
  });

  it('creates a system account with a group named like it, by default without a login', async () => {
    const account = new SystemUser('mfs-user', { host, user: 'mfs' });
    expect(await valueOf(account.group)).toBe('mfs');
    const command = recorded.find((r) => r.name === 'mfs-user-account');
    expect(command?.inputs.create).toContain('useradd --system --gid "$group" --home-dir "$home" --no-create-home --shell "$shell" "$user"');
    expect(command?.inputs.create).toContain('shell=/usr/sbin/nologin');
    expect(command?.inputs.create).toContain('marker=/var/lib/hastack/stack/system-users/mfs');
    expect(command?.inputs.triggers).toEqual(['mfs', 'mfs']);
  });
});
