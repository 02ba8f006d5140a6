import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { valueOf } from '@hastack/host/testing';
import { masterChecks, metaloggerChecks, mountChecks } from './checks';

const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });

describe('dfs checks', () => {
  it('asks the master, by its address, for the chunkservers it expects', async () => {
    const checks = masterChecks(host('mfs-master', '10.0.0.41'), 3);
    expect(checks.map((check) => `${check.host} ${check.name}`)).toEqual([
      'mfs-master moosefs-master',
      'mfs-master moosefs-chunkservers',
      'mfs-master moosefs-undergoal',
      'mfs-master moosefs-space',
    ]);
    const connected = await valueOf(pulumi.output(checks[1].command));
    expect(connected).toContain('mfscli -H 10.0.0.41');
    expect(connected).toContain('if [ "$connected" -lt 3 ]');
  });

  it('gives the metalogger copy its download period and ten minutes', () => {
    const [, copy] = metaloggerChecks(host('chunk1', '10.0.0.42'), 24);
    expect(copy.name).toBe('moosefs-metadata-backup');
    expect(copy.command).toContain('find /var/lib/mfs/metadata_ml.mfs.back -mmin -1450 |');
    expect(copy.command).toContain('no metadata copy in the last 24 h');
  });

  it('bounds the mount check by a timeout, so a hung mount is reported rather than waited on', () => {
    const [mount] = mountChecks(host('web1', '10.0.0.21'), '/srv/shared');
    expect(mount.command).toContain('mountpoint -q /srv/shared && timeout 10 stat -f /srv/shared');
  });
});
