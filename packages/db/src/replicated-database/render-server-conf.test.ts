import { renderDynamicSettingsSql, renderRestartSettings, renderServerConf, serverConfigTest, ServerConf } from './render-server-conf';

const primary: ServerConf = {
  series: '10.11',
  role: 'primary',
  serverId: 3323068447,
  bindAddress: '198.18.0.31',
  port: 3306,
  reportHost: 'db1',
  semiSync: true,
  semiSyncTimeoutMs: 5000,
  binlogRetentionDays: 7,
};
const replica: ServerConf = { ...primary, role: 'replica', serverId: 3323068448, bindAddress: '198.18.0.32', reportHost: 'db2' };

describe('renderServerConf', () => {
  const text = renderServerConf(primary);

  it('gives the member its server id, address and binary log under [mysqld]', () => {
    expect(text).toMatch(/^\[mysqld\]$/m);
    expect(text).toContain('server_id = 3323068447');
    expect(text).toContain('bind_address = 198.18.0.31');
    expect(text).toContain('log_bin = mariadb-bin');
    expect(text).toContain('log_slave_updates = ON');
    expect(text).toContain('skip_name_resolve = ON');
    expect(text).toContain('sync_binlog = 1');
    expect(text).toContain('gtid_strict_mode = ON');
    expect(text).toContain('binlog_expire_logs_seconds = 604800');
  });

  it('turns semi-sync on with AFTER_SYNC and a bounded wait on the primary, and keeps it writable', () => {
    expect(text).toContain('rpl_semi_sync_master_enabled = ON');
    expect(text).toContain('rpl_semi_sync_slave_enabled = OFF');
    expect(text).toContain('rpl_semi_sync_master_wait_point = AFTER_SYNC');
    expect(text).toContain('rpl_semi_sync_master_timeout = 5000');
    expect(text).toContain('read_only = OFF');
  });

  it('makes a replica read-only and a semi-sync slave', () => {
    const other = renderServerConf(replica);
    expect(other).toContain('read_only = ON');
    expect(other).toContain('rpl_semi_sync_slave_enabled = ON');
    expect(other).toContain('rpl_semi_sync_master_enabled = OFF');
  });

  it('turns semi-sync off when asked (or when the primary has no replica)', () => {
    expect(renderServerConf({ ...primary, semiSync: false })).toContain('rpl_semi_sync_master_enabled = OFF');
  });

  it('refuses a value that would add an option', () => {
    expect(() => renderServerConf({ ...primary, reportHost: 'db1\nskip_grant_tables' })).toThrow('report_host "db1\\nskip_grant_tables" is not a plain word');
  });
});

describe('restart and dynamic settings', () => {
  it('changes the restart part only for settings read at start', () => {
    expect(renderRestartSettings({ ...primary, semiSyncTimeoutMs: 100, role: 'replica' })).toBe(renderRestartSettings(primary));
    expect(renderRestartSettings({ ...primary, bindAddress: '198.18.0.99' })).not.toBe(renderRestartSettings(primary));
  });

  it('applies the others with SET GLOBAL, quoting words', () => {
    const sql = renderDynamicSettingsSql(replica);
    expect(sql).toContain("SET GLOBAL read_only = 'ON';");
    expect(sql).toContain('SET GLOBAL rpl_semi_sync_master_timeout = 5000;');
    expect(sql).not.toContain('server_id');
  });
});

describe('serverConfigTest', () => {
  const { spawnSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
  const run = (output: string, code: number) => {
    const fake = `f() { printf '%b\\n' ${JSON.stringify(output)} >&2; return ${code}; }; `;
    return spawnSync('bash', ['-c', fake + serverConfigTest('f', 'mysql')], { encoding: 'utf8' });
  };

  it('passes what the server accepts', () => {
    expect(run('[Note] Semi-sync replication enabled on the master.', 0).status).toBe(0);
  });

  it("fails with the server's error on an unknown option or a bad value", () => {
    const result = run("[Note] x\n[ERROR] mariadbd: unknown variable 'no_such_option=1'", 7);
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toBe("[ERROR] mariadbd: unknown variable 'no_such_option=1'");
  });

  it('fails on a boolean the server only warns about', () => {
    const result = run("[Warning] option 'read_only': boolean value 'maybe' wasn't recognized. Set to OFF.", 0);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("boolean value 'maybe'");
  });
});
