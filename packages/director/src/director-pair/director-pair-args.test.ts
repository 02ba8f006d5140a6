import * as pulumi from '@pulumi/pulumi';
import { defineHost } from '@hastack/host';
import { DirectorPairArgs, resolveDirectorPairDefaults, validateDirectorPairArgs } from './director-pair-args';

const host = (name: string, address: string) => defineHost({ name, address, os: 'debian-12', privateKey: 'k' });

const valid: DirectorPairArgs = {
  directors: [
    { host: host('director1', '198.18.0.11'), interface: 'eth0' },
    { host: host('director2', '198.18.0.12'), interface: 'eth0' },
  ],
  vips: ['198.18.0.100'],
  virtualRouterId: 51,
  advertIntervalSeconds: 0.2,
  services: [
    {
      port: 80,
      realServers: [
        { name: 'web1', address: '198.18.0.21', weight: 3 },
        { name: 'web2', address: '198.18.0.22' },
      ],
      healthCheck: { type: 'http', path: '/health' },
    },
  ],
};

describe('validateDirectorPairArgs', () => {
  it('accepts a valid pair', () => {
    expect(validateDirectorPairArgs(valid)).toEqual([]);
  });

  it.each<[string, Partial<DirectorPairArgs>, string]>([
    ['a router id out of range', { virtualRouterId: 256 }, 'virtualRouterId: 256 is outside 1..255'],
    ['a priority out of range', { priorities: [255, 100] }, 'priorities[0]: 255 is outside 1..254'],
    ['equal priorities', { priorities: [100, 100] }, 'priorities: the two directors need different priorities'],
    ['sub-second adverts under VRRPv2', { vrrpVersion: 2 }, 'advertIntervalSeconds: 0.2 below 1 s needs vrrpVersion 3'],
    ['a password under VRRPv3', { authPassword: 'x' }, 'authPassword: VRRP version 3 has no authentication'],
    ['a malformed VIP', { vips: ['198.18.0.300'] }, 'vips[0]: "198.18.0.300" is not an IPv4 address'],
    [
      'an interface name with a space',
      { directors: [valid.directors[0], { ...valid.directors[1], interface: 'eth0 up' }] },
      'directors[1].interface: "eth0 up" is not a network interface name',
    ],
    ['a VIP with a leading zero', { vips: ['198.18.0.010'] }, 'vips[0]: "198.18.0.010" is not an IPv4 address'],
    ['a prefix length out of range', { vipPrefixLength: 33 }, 'vipPrefixLength: 33 is outside 1..32'],
    [
      'a sorry server that is no address',
      { services: [{ ...valid.services[0], sorryServer: { address: 'sorry.example' } }] },
      'services[0].sorryServer.address: "sorry.example" is not an IPv4 address',
    ],
    [
      'a sorry server on a port that is none',
      { services: [{ ...valid.services[0], sorryServer: { address: '198.18.0.9', port: 0 } }] },
      'services[0].sorryServer.port: 0 is outside 1..65535',
    ],
  ])('names the argument for %s', (_, change, message) => {
    expect(validateDirectorPairArgs({ ...valid, ...change })).toContainEqual(expect.stringContaining(message));
  });

  it('names a duplicate real server and a bad weight', () => {
    const service = {
      ...valid.services[0],
      realServers: [
        { name: 'a', address: '198.18.0.21', weight: 70000 },
        { name: 'b', address: '198.18.0.21' },
      ],
    };
    const problems = validateDirectorPairArgs({ ...valid, services: [service] });
    expect(problems).toContain('services[0].realServers[0].weight: 70000 is outside 0..65535');
    expect(problems).toContain('services[0].realServers[1].address: 198.18.0.21 is listed twice');
  });

  it('names a health check path without a leading slash', () => {
    const service = { ...valid.services[0], healthCheck: { type: 'http' as const, path: 'health' } };
    expect(validateDirectorPairArgs({ ...valid, services: [service] })).toContain('services[0].healthCheck.path: "health" must start with /');
  });

  it("names a director's data address that is not IPv4, once the addresses are known", () => {
    expect(validateDirectorPairArgs(valid, ['198.18.0.11', 'director2.lan'])).toEqual([
      'directors[1].host.dataAddress: "director2.lan" is not an IPv4 address',
    ]);
  });

  it("names a VIP equal to a director's data address, once the addresses are known", () => {
    const problems = validateDirectorPairArgs({ ...valid, vips: ['198.18.0.11'] }, ['198.18.0.11', '198.18.0.12']);
    expect(problems).toContain("vips[0]: 198.18.0.11 is a director's own address");
  });

  it('leaves values that are still outputs to the second pass, which applies the same rules', () => {
    const service = { ...valid.services[0], realServers: [{ name: 'web1', address: pulumi.output('not-an-address') }] };
    expect(validateDirectorPairArgs({ ...valid, vips: [pulumi.output('198.18.0.11')], services: [service] })).toEqual([]);
    const resolved = { ...valid.services[0], realServers: [{ name: 'web1', address: 'not-an-address' }] };
    expect(validateDirectorPairArgs({ ...valid, vips: ['198.18.0.11'], services: [resolved] }, ['198.18.0.11', '198.18.0.12'])).toEqual([
      "vips[0]: 198.18.0.11 is a director's own address",
      'services[0].realServers[0].address: "not-an-address" is not an IPv4 address',
    ]);
  });
});

describe('resolveDirectorPairDefaults', () => {
  it('fills in every default the component renders, and keeps what is given', () => {
    const pair = resolveDirectorPairDefaults({ ...valid, vrrpVersion: 2 });
    expect(pair).toMatchObject({ vipPrefixLength: 24, priorities: [150, 100], advertIntervalSeconds: 0.2, vrrpVersion: 2, preempt: true });
    expect(pair.connectionSync).toBe(true);
    expect(pair.services[0]).toMatchObject({ protocol: 'TCP', scheduler: 'wrr', sorryServer: undefined });
    expect(pair.services[0].realServers.map((real) => real.weight)).toEqual([3, 1]);
    expect(pair.services[0].healthCheck).toEqual({
      type: 'http',
      path: '/health',
      expectStatus: 200,
      intervalSeconds: 1,
      timeoutSeconds: 1,
      retries: 1,
      retryDelaySeconds: 0.5,
    });
  });

  it("gives a sorry server the service's port unless it has its own", () => {
    const service = { ...valid.services[0], port: 8080, sorryServer: { address: '198.18.0.9' } };
    expect(resolveDirectorPairDefaults({ ...valid, services: [service] }).services[0].sorryServer).toEqual({ address: '198.18.0.9', port: 8080 });
  });
});
