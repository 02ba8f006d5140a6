import { renderSysctlConf } from './render-sysctl-conf';

describe('renderSysctlConf', () => {
  it('renders sorted key = value lines', () => {
    expect(renderSysctlConf({ 'net.ipv4.conf.lo.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': '2' })).toBe(
      'net.ipv4.conf.all.arp_announce = 2\nnet.ipv4.conf.lo.arp_ignore = 1\n',
    );
  });

  it('names a key that is not a sysctl key', () => {
    expect(() => renderSysctlConf({ 'rm -rf /': 1 })).toThrow('"rm -rf /" is not a sysctl key');
  });

  it('refuses a value that would inject another line', () => {
    expect(() => renderSysctlConf({ 'net.ipv4.ip_forward': '1\nkernel.panic = 1' })).toThrow('net.ipv4.ip_forward');
  });

  it('refuses an empty set', () => {
    expect(() => renderSysctlConf({})).toThrow('at least one key');
  });
});
