import { formatMonitoringStatus } from './monitoring-status';

describe('formatMonitoringStatus', () => {
  it('counts the active agents and names the others', () => {
    expect(
      formatMonitoringStatus([
        { name: 'web1', state: 'active', allowedHosts: '198.18.0.51' },
        { name: 'web2', state: 'failed', allowedHosts: '198.18.0.51' },
        { name: 'db1', state: 'inactive' },
      ]),
    ).toEqual(['Monitoring: NRPE active on 1/3 hosts, answering 198.18.0.51', '  web2         NRPE failed', '  db1          NRPE not deployed']);
  });
});
