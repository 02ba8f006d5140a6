import { formatDbStatus, parseMemberStatus } from './db-status';

const host = { name: 'db2', address: '198.18.0.32' };

describe('parseMemberStatus', () => {
  it('reads a replica: read-only, replication threads, lag, semi-sync', () => {
    const text = [
      'active\tactive',
      'read_only\t1',
      'gtid\t0-3323068447-42',
      'master_enabled\t0',
      'slave_enabled\t1',
      'Rpl_semi_sync_slave_status\tON',
      'Master_Host\t198.18.0.31',
      'Slave_IO_Running\tYes',
      'Slave_SQL_Running\tYes',
      'Seconds_Behind_Master\t0',
      'Last_IO_Error\t',
      'Last_SQL_Error\t',
    ].join('\n');
    expect(parseMemberStatus(host, 'replica', text)).toEqual({
      ...host,
      role: 'replica',
      active: true,
      readOnly: true,
      gtid: '0-3323068447-42',
      semiSync: { enabled: true, active: true },
      replication: { primary: '198.18.0.31', io: 'Yes', sql: 'Yes', lagSeconds: 0, error: '' },
    });
  });

  it('shows a primary fallen back to asynchronous replication', () => {
    const text = [
      'active\tactive',
      'read_only\t0',
      'gtid\t0-1-5',
      'master_enabled\t1',
      'Rpl_semi_sync_master_status\tOFF',
      'Rpl_semi_sync_master_clients\t0',
      'Rpl_semi_sync_master_no_times\t2',
    ].join('\n');
    const status = parseMemberStatus({ name: 'db1', address: '198.18.0.31' }, 'primary', text);
    expect(status.semiSync).toEqual({ enabled: true, active: false, replicas: 0, fallbacks: 2 });
    expect(formatDbStatus({ members: [status] })[1]).toContain('semi-sync enabled, fallen back to async (0 replica(s) connected, 2 fallback(s))');
  });

  it('reports a stopped server and a replica that does not replicate', () => {
    expect(formatDbStatus({ members: [parseMemberStatus(host, 'replica', 'active\tinactive\n')] })[1]).toContain('mariadb NOT running');
    const idle = parseMemberStatus(host, 'replica', 'active\tactive\nread_only\t1\ngtid\t\nslave_enabled\t1\n');
    expect(formatDbStatus({ members: [idle] })[1]).toContain('NOT replicating');
  });
});
