import { planHosts } from '../topology/topology';
import { qemuArgs } from './vm';

const [director] = planHosts({ directors: 1, web: 0, databases: 0, dfsMaster: 0, chunkservers: 0, monitoring: 0, stranger: 0 });
const boot = {
  kernel: '/cache/vmlinuz',
  initrd: '/cache/initrd.img',
  disk: '/lab/hosts/director1/disk.img',
  tap: 'labtap-11',
  mac: '52:54:00:12:00:0b',
  consoleLog: '/lab/hosts/director1/console.log',
  pidFile: '/lab/hosts/director1/pid',
};

describe('qemuArgs', () => {
  const args = qemuArgs(director, boot);
  const after = (flag: string) => args[args.indexOf(flag) + 1];

  it("emulates a 1 GiB machine booting Debian's kernel with its initrd from a virtio disk", () => {
    expect(after('-accel')).toBe('tcg');
    expect(after('-m')).toBe('1024');
    expect(after('-kernel')).toBe('/cache/vmlinuz');
    expect(after('-initrd')).toBe('/cache/initrd.img');
    expect(after('-drive')).toBe('file=/lab/hosts/director1/disk.img,if=virtio,format=raw,cache=unsafe');
  });

  it("keeps the NIC named eth0 and puts it on the tap with the host's MAC", () => {
    expect(after('-append')).toContain('net.ifnames=0');
    expect(after('-netdev')).toBe('tap,id=n0,ifname=labtap-11,script=no,downscript=no');
    expect(after('-device')).toContain('mac=52:54:00:12:00:0b');
  });

  it('runs in the background with a pid file and the console in a file', () => {
    expect(args).toContain('-daemonize');
    expect(after('-pidfile')).toBe('/lab/hosts/director1/pid');
    expect(after('-serial')).toBe('file:/lab/hosts/director1/console.log');
  });
});
