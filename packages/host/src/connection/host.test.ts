import * as pulumi from '@pulumi/pulumi';
import { recordResources, valueOf, withoutCreating } from '../testing';
import { adminSourceProblems, defineHost } from './host';

const recorded = recordResources();
const args = { name: 'web1', address: '198.18.0.21', os: 'debian-12', privateKey: 'KEY' };

describe('defineHost adminSources', () => {
  it('gives any source (none listed) when absent, as before', async () => {
    expect(await valueOf(defineHost(args).adminSources)).toEqual([]);
  });

  it('gives the sources once the outputs among them resolve', async () => {
    const host = defineHost({ ...args, adminSources: ['10.0.0.0/8', pulumi.output('198.18.0.5')] });
    expect(await valueOf(host.adminSources)).toEqual(['10.0.0.0/8', '198.18.0.5']);
  });

  it('refuses every source that is not an IPv4 address or network, naming its place, before anything is built', () => {
    expect(withoutCreating(recorded, () => defineHost({ ...args, adminSources: ['10.0.0.0/8', '10.0.0.300', pulumi.output('x'), 'any'] }))).toThrow(
      'Host web1: invalid arguments:\n  - adminSources[1]: "10.0.0.300" is not an IPv4 address or network\n  - adminSources[3]: "any" is not an IPv4 address or network',
    );
  });
});

describe('adminSourceProblems', () => {
  it('checks an output by the same rule once it is known, and skips it until then', () => {
    expect(adminSourceProblems(['198.18.0.0/24', undefined, '198.18.0.0/33'])).toEqual(['adminSources[2]: "198.18.0.0/33" is not an IPv4 address or network']);
  });
});
