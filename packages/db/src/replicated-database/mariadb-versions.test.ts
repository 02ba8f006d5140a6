import { defineHost, OperatingSystems, osProfile } from '@hastack/host';
import { GLOBAL_PRIVILEGES } from './accounts';
import { MariadbSince, mariadbHas, SupportedMariadbSeries } from './mariadb-versions';
import { serverSettings } from './render-server-conf';

const conf = (series: string) => ({
  series,
  role: 'primary' as const,
  serverId: 1,
  bindAddress: '10.0.0.1',
  port: 3306,
  reportHost: 'db1',
  semiSync: true,
  semiSyncTimeoutMs: 5000,
  binlogRetentionDays: 7,
});

describe('the MariaDB series the tier runs on', () => {
  it.each(SupportedMariadbSeries)('renders only options and grants only privileges MariaDB %s has', (series) => {
    const settings = serverSettings(conf(series));
    const options = [...settings.restart, ...settings.dynamic].map(([name]) => name);
    const privileges = Object.values(GLOBAL_PRIVILEGES).flat();
    const lacking = [...options, ...privileges].filter((name) => !mariadbHas(series, name));
    expect(lacking.map((name) => `${name} (${MariadbSince[name] ? `from ${MariadbSince[name]}` : 'not in MariadbSince'})`)).toEqual([]);
  });

  it('keeps the binary log for the same time in each series, under the name the series knows', () => {
    const retention = (series: string) => serverSettings(conf(series)).dynamic.filter(([name]) => name.includes('expire_logs'));
    expect(retention('10.5')).toEqual([['expire_logs_days', 7]]);
    expect(retention('10.11')).toEqual([['binlog_expire_logs_seconds', 604800]]);
  });

  it('is what every supported OS installs', () => {
    for (const os of OperatingSystems) expect(SupportedMariadbSeries).toContain(osProfile(os).versions.mariadb);
    expect(defineHost({ name: 'db1', address: '10.0.0.1', os: 'rocky-8', privateKey: 'k' }).profile.versions.mariadb).toBe('10.11');
  });
});
