import { setTimeout as sleep } from 'node:timers/promises';
import { recordResources } from '@hastack/host/testing';
import { defineHost } from '@hastack/host';
import { NagiosServer } from './nagios-server';

const recorded = recordResources();
const host = defineHost({ name: 'monitoring', address: '198.18.0.51', os: 'debian-12', privateKey: 'k' });

describe('NagiosServer', () => {
  it('refuses bad arguments before anything exists, itself included', async () => {
    expect(() => new NagiosServer('bad', { host, hosts: [{ name: 'web1', address: 'web1.lab', groups: ['web'] }], services: [] })).toThrow(
      'NagiosServer bad: invalid arguments:\n  - hosts[0].address: "web1.lab" is not an IPv4 address',
    );
    // The engine registers a component asynchronously: give a wrongly registered one the time to show.
    await sleep(50);
    expect(recorded.filter((r) => r.name.startsWith('bad'))).toEqual([]);
  });
});
