import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf, withoutCreating } from '../testing';
import { defineHost } from '../connection';
import { ConfigFileSet, validateConfigFileSetArgs } from './config-file-set';

const recorded = recordResources();
const host = defineHost({ name: 'dfs-master', address: '198.18.0.41', os: 'debian-12', privateKey: 'KEY' });

describe('ConfigFileSet', () => {
  it('names every bad argument', () => {
    expect(validateConfigFileSetArgs({ files: [] })).toEqual(['files: a set needs at least one file']);
    expect(
      validateConfigFileSetArgs({
        files: [
          { path: '/etc/mfs/mfsmaster.cfg', content: '' },
          { path: '/etc/mfs/mfsmaster.cfg', content: '', mode: '644x', owner: 'Not A User' },
        ],
      }),
    ).toEqual([
      'files[1].path: "/etc/mfs/mfsmaster.cfg" is already in the set',
      'files[1].owner: "Not A User" is not a user or group name',
      'files[1].mode: "644x" is not an octal mode like "0750"',
    ]);
  });

  it('refuses bad arguments before creating anything', () => {
    expect(withoutCreating(recorded, () => new ConfigFileSet('bad', { host, files: [] }))).toThrow(
      'ConfigFileSet bad: invalid arguments:\n  - files: a set needs at least one file',
    );
  });

  it('sends every content on stdin only, runs one check and gives one digest', async () => {
    const set = new ConfigFileSet('mfs-master-conf', {
      host,
      files: [
        { path: '/etc/mfs/mfsmaster.cfg', content: 'WORKING_USER = mfs\n' },
        { path: '/etc/mfs/mfsexports.cfg', content: pulumi.secret('198.18.0.0/24 / rw,alldirs,password=hunter22\n'), mode: '0640', group: 'mfs' },
      ],
      validate: 'mfsmaster -t',
    });
    expect(await valueOf(set.digest)).toMatch(/^[0-9a-f]{64}$/);
    const write = recorded.find((r) => r.name === 'mfs-master-conf-write');
    const script = String(write?.inputs.create);
    expect(script.match(/if ! report=/g)).toHaveLength(1);
    expect(script).not.toContain('hunter22');
    expect(JSON.stringify(write?.inputs.stdin)).toContain(Buffer.from('198.18.0.0/24 / rw,alldirs,password=hunter22\n').toString('base64'));
    expect(write?.inputs.delete).toContain('/etc/mfs/mfsexports.cfg');
  });
});
