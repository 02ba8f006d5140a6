import { defineHost } from '@hastack/host';
import { recordResources, withoutCreating } from '@hastack/host/testing';
import { RealServerVip } from './real-server-vip';

const recorded = recordResources();
const host = defineHost({ name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'k' });

describe('RealServerVip', () => {
  it('throws every argument problem before creating anything', () => {
    expect(withoutCreating(recorded, () => new RealServerVip('bad', { host, vips: ['198.18.0.100', '198.18.0.300'] }))).toThrow(
      'RealServerVip bad: invalid arguments:\n  - vips[1]: "198.18.0.300" is not an IPv4 address',
    );
  });
});
