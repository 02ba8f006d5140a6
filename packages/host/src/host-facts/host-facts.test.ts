import { recordResources, settle } from '../testing';
import { defineHost } from '../connection';
import { hostReady } from './host-facts';

const recorded = recordResources();

describe('hostReady', () => {
  it('checks each host once, however many components ask', async () => {
    const web1 = defineHost({ name: 'web1', address: '198.18.0.21', os: 'rocky-9', privateKey: 'KEY' });
    const web2 = defineHost({ name: 'web2', address: '198.18.0.22', os: 'debian-12', privateKey: 'KEY' });
    expect(hostReady(web1)).toBe(hostReady(web1));
    expect(hostReady(web2)).not.toBe(hostReady(web1));
    await settle();
    const reads = recorded.filter((r) => r.name.endsWith('-host-facts-os-release'));
    expect(reads.map((r) => r.name).sort()).toEqual(['web1-host-facts-os-release', 'web2-host-facts-os-release']);
    expect(reads.find((r) => r.name.startsWith('web1'))?.inputs.create).toContain("'host web1 (198.18.0.21) is declared rocky-9'");
  });
});
