import { defineHost } from '@hastack/host';
import { MooseFsMountArgs, validateMooseFsMountArgs } from './moosefs-mount-args';

const valid: MooseFsMountArgs = { host: defineHost({ name: 'web1', address: '10.0.0.21', os: 'debian-12', privateKey: 'k' }), master: '10.0.0.41' };

describe('validateMooseFsMountArgs', () => {
  it('accepts a mount with defaults and one with every option', () => {
    expect(validateMooseFsMountArgs(valid)).toEqual([]);
    expect(
      validateMooseFsMountArgs({ ...valid, where: '/var/www/shared', subfolder: '/web', ioTimeoutSeconds: 2, options: ['mfscachemode=AUTO', 'noexec'] }),
    ).toEqual([]);
  });

  it.each<[string, Partial<MooseFsMountArgs>, string]>([
    ['no master', { master: '' }, 'master: the master address is needed'],
    ['a relative mount point', { where: 'srv/shared' }, 'where: "srv/shared" is not an absolute path below /'],
    ['the root as mount point', { where: '/' }, 'where: "/" is not an absolute path below /'],
    ['a mount point with a blank', { where: '/srv/my share' }, 'where: "/srv/my share" may hold only'],
    ['a relative subfolder', { subfolder: 'web' }, 'subfolder: "web" is not an absolute path in the MooseFS tree'],
    ['no time to wait', { ioTimeoutSeconds: 0 }, 'ioTimeoutSeconds: 0 is not a whole number of seconds from 1 to 3600'],
    ['a fraction of a second', { ioTimeoutSeconds: 1.5 }, 'ioTimeoutSeconds: 1.5 is not a whole number'],
    ['an option that adds another', { options: ['ro,suid'] }, 'options[0]: "ro,suid" is not a plain mount option'],
  ])('names the argument for %s', (_, change, message) => {
    expect(validateMooseFsMountArgs({ ...valid, ...change })).toContainEqual(expect.stringContaining(message));
  });
});
