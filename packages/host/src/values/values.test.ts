import fc from 'fast-check';
import * as pulumi from '@pulumi/pulumi';
import { assertValidArgs, InvalidArgumentsError } from './invalid-arguments';
import { inRange, isAbsolutePath, isCidr4, isInterfaceName, isIpv4, isPort, knownValue } from './values';

describe('value rules', () => {
  it('accepts every dotted quad and nothing else as an IPv4 address', () => {
    fc.assert(fc.property(fc.ipV4(), (address) => isIpv4(address)));
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4 ', '1.2.3.4/24', '::1', '', 7]) expect(isIpv4(bad)).toBe(false);
  });

  it('tells networks, ports, interface names and absolute paths', () => {
    expect(isCidr4('198.18.0.0/24')).toBe(true);
    expect(isCidr4('198.18.0.0/33')).toBe(false);
    expect([0, 1, 65535, 65536, 1.5].map(isPort)).toEqual([false, true, true, false, false]);
    expect(['eth0', 'ens192', 'host0', 'a b', 'sixteen-letters!', ''].map(isInterfaceName)).toEqual([true, true, true, false, false, false]);
    expect(['/srv/shared', 'srv', '/srv/../etc', '/a b', '/x;y'].map(isAbsolutePath)).toEqual([true, false, false, false, false]);
  });

  it('checks a range only when the number is given', () => {
    expect([inRange(undefined, 1, 2), inRange(1, 1, 2), inRange(3, 1, 2), inRange(NaN, 1, 2)]).toEqual([true, true, false, false]);
  });

  it('knows plain values, not outputs or promises', () => {
    expect(knownValue('a')).toBe('a');
    expect(knownValue(pulumi.output('a'))).toBeUndefined();
    expect(knownValue(Promise.resolve('a'))).toBeUndefined();
  });
});

describe('assertValidArgs', () => {
  it('throws every problem at once as a RunError naming the component', () => {
    expect(() => assertValidArgs('DirectorPair', 'lvs', [])).not.toThrow();
    let thrown: unknown;
    try {
      assertValidArgs('DirectorPair', 'lvs', ['vips: none', 'services: none']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentsError);
    expect(pulumi.RunError.isInstance(thrown as Error)).toBe(true);
    expect((thrown as Error).message).toBe('DirectorPair lvs: invalid arguments:\n  - vips: none\n  - services: none');
  });
});
