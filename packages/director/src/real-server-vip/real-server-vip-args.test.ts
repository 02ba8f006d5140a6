import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { validateRealServerVipArgs } from './real-server-vip-args';

const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'k' });

describe('validateRealServerVipArgs', () => {
  it('accepts IPv4 VIPs', () => {
    expect(validateRealServerVipArgs({ host, vips: ['198.18.0.100', '198.18.0.101'] })).toEqual([]);
  });

  it('names an empty list and each VIP that is not IPv4', () => {
    expect(validateRealServerVipArgs({ host, vips: [] })).toEqual(['vips: at least one VIP is needed']);
    expect(validateRealServerVipArgs({ host, vips: ['198.18.0.100', '198.18.0.100; rm -rf /'] })).toEqual([
      'vips[1]: "198.18.0.100; rm -rf /" is not an IPv4 address',
    ]);
  });

  it('leaves VIPs that are still outputs to the check once they resolve', () => {
    expect(validateRealServerVipArgs({ host, vips: pulumi.output(['not-an-address']) })).toEqual([]);
    expect(validateRealServerVipArgs({ host, vips: [pulumi.output('not-an-address')] })).toEqual([]);
  });
});
