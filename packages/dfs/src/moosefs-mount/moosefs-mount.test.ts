import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf, withoutCreating } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { MooseFsMount } from './moosefs-mount';

const recorded = recordResources();
const web1 = defineHost({ name: 'web1', address: '10.0.0.21', os: 'debian-12', privateKey: 'k' });

describe('MooseFsMount', () => {
  it('throws every argument problem before creating anything', () => {
    expect(withoutCreating(recorded, () => new MooseFsMount('bad', { host: web1, master: '', where: 'shared' }))).toThrow(
      /master: the master address is needed\n.*where: "shared"/s,
    );
  });

  it('mounts MASTER:PORT:SUBFOLDER with the moosefs helper at /srv/shared, after installing the client', async () => {
    const mount = new MooseFsMount('web1-shared', { host: web1, master: pulumi.output('10.0.0.41') });
    expect(await valueOf(mount.where)).toBe('/srv/shared');
    const units = recorded.find((r) => r.name === 'web1-shared-mount-units-write')!;
    const unit = Buffer.from(String(units.inputs.stdin).split('\n')[0], 'base64').toString('utf8');
    expect(unit).toContain('What=10.0.0.41:9421:/\n');
    expect(unit).toContain('Type=moosefs\n');
    expect(unit).not.toContain('mfstimeout');
    expect(recorded.some((r) => r.name === 'web1-shared-packages')).toBe(true);
    expect(mount.checks.map((check) => [check.host, check.name])).toEqual([['web1', 'moosefs-mount']]);
    expect(mount.checks[0].command).toContain('mountpoint -q /srv/shared && timeout 10 stat -f /srv/shared');
    expect(mount.selinuxBooleans).toEqual(['httpd_use_fusefs']);
  });

  it("bounds the wait of each file operation when asked, before the caller's own options", async () => {
    const mount = new MooseFsMount('web2-shared', { host: web1, master: '10.0.0.41', ioTimeoutSeconds: 2, options: ['noexec'] });
    await valueOf(mount.where);
    const units = recorded.find((r) => r.name === 'web2-shared-mount-units-write')!;
    const unit = Buffer.from(String(units.inputs.stdin).split('\n')[0], 'base64').toString('utf8');
    expect(unit).toMatch(/^Options=.*mfstimeout=2,noexec$/m);
  });
});
