import { parseIpvsTable } from './ipvs-table';

describe('parseIpvsTable', () => {
  it('reads each real server with its weight and forwarding method', () => {
    const text = [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  198.18.0.100:80 wrr',
      '  -> 198.18.0.21:80                Route   3      1          7',
      '  -> 198.18.0.22:80                Route   1      0          2',
    ].join('\n');
    expect(parseIpvsTable(text)).toEqual([
      { service: 'TCP 198.18.0.100:80 wrr', address: '198.18.0.21:80', forward: 'Route', weight: 3, activeConnections: 1, inactiveConnections: 7 },
      { service: 'TCP 198.18.0.100:80 wrr', address: '198.18.0.22:80', forward: 'Route', weight: 1, activeConnections: 0, inactiveConnections: 2 },
    ]);
  });

  it('returns nothing for an empty table', () => {
    expect(parseIpvsTable('IP Virtual Server version 1.2.1 (size=4096)\n')).toEqual([]);
  });
});
