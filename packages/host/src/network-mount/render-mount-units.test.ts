import { renderMountUnits } from './render-mount-units';

const moosefs = { what: 'mfsmaster:/', where: '/srv/hastack-data', type: 'moosefs', options: ['mfssubfolder=/web'], requires: [] };

describe('renderMountUnits', () => {
  const units = renderMountUnits(moosefs);

  it('names the units as systemd requires, from the mount point', () => {
    expect(units.mountUnit).toBe('srv-hastack\\x2ddata.mount');
    expect(units.remountUnit).toBe('hastack-remount-srv-hastack\\x2ddata.service');
  });

  it('mounts after the network is online, as a network file system, at boot', () => {
    expect(units.mount).toContain('Wants=network-online.target\nAfter=network-online.target\n');
    expect(units.mount).toContain('What=mfsmaster:/\nWhere=/srv/hastack-data\nType=moosefs\nOptions=_netdev,mfssubfolder=/web\n');
    expect(units.mount).toContain('[Install]\nWantedBy=remote-fs.target');
  });

  it('retries a failed or hung attempt after a delay, through OnFailure', () => {
    expect(units.mount).toContain('OnFailure=hastack-remount-srv-hastack\\x2ddata.service');
    expect(units.mount).toContain('TimeoutSec=30');
    expect(units.remount).toContain('ExecStartPre=/bin/sleep 10');
    expect(units.remount).toContain('ExecStart=/bin/systemctl start --no-block srv-hastack\\\\x2ddata.mount');
    expect(units.remount).not.toContain('[Install]');
  });

  it('starts after, and with, the units it requires', () => {
    const local = renderMountUnits({ ...moosefs, requires: ['moosefs-master.service'] });
    expect(local.mount).toContain('After=network-online.target moosefs-master.service\nRequires=moosefs-master.service\n');
  });

  it('keeps a "%" literal, where systemd would expand a specifier', () => {
    expect(renderMountUnits({ ...moosefs, what: 'server:/a%b' }).mount).toContain('What=server:/a%%b');
  });

  it('refuses values that would break or extend the unit', () => {
    expect(() => renderMountUnits({ ...moosefs, what: 'x\nExecStartPre=/bin/evil' })).toThrow('what must be one non-empty line');
    expect(() => renderMountUnits({ ...moosefs, options: ['ro,exec'] })).toThrow('options: "ro,exec"');
    expect(() => renderMountUnits({ ...moosefs, requires: ['master; rm'] })).toThrow('requires: "master; rm"');
    expect(() => renderMountUnits({ ...moosefs, type: 'nfs\nUser=x' })).toThrow('type:');
  });
});
