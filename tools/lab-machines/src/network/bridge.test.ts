import { planHosts } from '../topology/topology';
import { labLinks, tapName, vmMac } from './bridge';

const [director1, director2] = planHosts({ directors: 2, web: 0, databases: 0, dfsMaster: 0, chunkservers: 0, monitoring: 0, stranger: 0 });

describe('VM links', () => {
  it('names taps and MACs after the address, so they stay the same across restarts', () => {
    expect(tapName(director1)).toBe('labtap-11');
    expect(vmMac(director1)).toBe('52:54:00:12:00:0b');
    expect(vmMac(director2)).toBe('52:54:00:12:00:0c');
  });
});

describe('labLinks', () => {
  it("picks the bridge, the taps and nspawn's veth ends from the machine's links", () => {
    expect(labLinks(['lo', 'eth0', 'labbr0', 'labtap-11', 'vb-web1', 'ifb0'])).toEqual(['labbr0', 'labtap-11', 'vb-web1']);
  });
});
