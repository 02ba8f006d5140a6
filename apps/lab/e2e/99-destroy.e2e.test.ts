import { holdsVipTest } from '@hastack/director';
import { selectLabStack } from '../src/deploy/lab-stack';
import { hostsWithRole } from '../src/probes/failover';
import { inventory, sh } from './support';

// What is still there of `paths`; under /var/lib/hastack, every file, so a failure says which record stayed.
const leftovers = (paths: string[]) =>
  `for p in ${paths.join(' ')}; do if [ -d "$p" ] && [ "$p" = /var/lib/hastack ]; then find "$p"; elif [ -e "$p" ]; then echo "$p"; fi; done`;

describe('destroying the lab stack', () => {
  beforeAll(async () => {
    await (await selectLabStack(inventory)).destroy();
  });

  it('leaves the directors without keepalived, IPVS rules, VIP or files of the stack', async () => {
    for (const director of hostsWithRole(inventory, 'director')) {
      expect(await sh(director, "dpkg -l keepalived ipvsadm 2>/dev/null | grep '^ii' || true")).toBe('');
      expect(await sh(director, `${holdsVipTest(inventory.vip)} && echo holds || echo free`)).toBe('free\n');
      expect(await sh(director, 'lsmod | grep -c "^ip_vs" || true')).toBe('0\n');
      expect(
        await sh(
          director,
          leftovers(['/etc/keepalived/keepalived.conf', '/etc/modules-load.d/hastack-ip_vs.conf', '/etc/sysctl.d/90-hastack-*', '/var/lib/hastack']),
        ),
      ).toBe('');
    }
  });

  it('leaves the web hosts without Apache, PHP, the app settings or releases, the VIP on lo, the unit or the ARP settings', async () => {
    for (const web of hostsWithRole(inventory, 'web')) {
      expect(await sh(web, "dpkg -l 'apache2*' 'php*' 'libapache2-mod-php*' 2>/dev/null | grep '^ii' || true")).toBe('');
      expect(await sh(web, leftovers(['/etc/hastack-web', '/var/www/html/index.php', '/var/www/hastack-health', '/var/www/hastack-releases']))).toBe('');
      // No symlink to a removed release where the distribution's document root was.
      expect(await sh(web, 'test ! -L /var/www/html && echo no-symlink')).toBe('no-symlink\n');
      expect(await sh(web, 'ip -o -4 addr show dev lo')).not.toContain(inventory.vip);
      expect(await sh(web, 'sysctl -n net.ipv4.conf.all.arp_ignore net.ipv4.conf.lo.arp_announce')).toBe('0\n0\n');
      expect(await sh(web, leftovers(['/etc/systemd/system/hastack-lvs-real.service', '/etc/sysctl.d/90-hastack-*', '/var/lib/hastack']))).toBe('');
    }
  });

  it('leaves the MooseFS hosts without packages, account, configs, metadata or chunks (purgeData), and the web hosts unmounted', async () => {
    const dfsHosts = [...new Set((['dfs-master', 'dfs-metalogger', 'dfs-chunkserver'] as const).flatMap((role) => hostsWithRole(inventory, role)))];
    for (const host of [...dfsHosts, ...hostsWithRole(inventory, 'web')]) {
      expect(await sh(host, "dpkg -l 'moosefs-*' libmfsio1 2>/dev/null | grep '^ii' || true")).toBe('');
      expect(await sh(host, 'getent passwd mfs || true')).toBe('');
      expect(await sh(host, leftovers(['/etc/mfs', '/var/lib/mfs', '/srv/mfs-chunks', '/srv/shared', '/etc/systemd/system/srv-shared.mount']))).toBe('');
    }
    for (const web of hostsWithRole(inventory, 'web')) expect(await sh(web, "findmnt -rn -o SOURCE | grep '^mfs#' || true")).toBe('');
  });

  it('leaves the database hosts without MariaDB, its option file, jobs, data, backups or state (purgeData)', async () => {
    for (const host of [...hostsWithRole(inventory, 'db-primary'), ...hostsWithRole(inventory, 'db-replica')]) {
      expect(await sh(host, "dpkg -l 'mariadb-*' 'mysql-*' 2>/dev/null | grep '^ii' || true")).toBe('');
      const paths = [
        '/etc/mysql/mariadb.conf.d',
        '/var/lib/mysql',
        '/var/lib/hastack-db',
        '/var/backups/hastack-db',
        '/usr/local/lib/hastack-db',
        '/etc/systemd/system/hastack-*-db-*',
      ];
      expect(await sh(host, leftovers([...paths, '/var/lib/hastack', '/usr/local/lib/hastack']))).toBe('');
    }
  });

  it('leaves every host without NRPE, the monitoring plugins or the agent drop-in', async () => {
    const left: Record<string, string> = {};
    for (const host of inventory.hosts) {
      const found =
        (await sh(host, "dpkg -l nagios-nrpe-server 'monitoring-plugins*' 2>/dev/null | grep '^ii' || true")) +
        (await sh(host, leftovers(['/etc/nagios/nrpe.d/hastack.cfg', '/usr/local/lib/hastack-nrpe', '/var/lib/hastack'])));
      if (found) left[host.name] = found;
    }
    expect(left).toEqual({});
  });

  it('leaves the monitoring host without Nagios, its web interface and Apache, the SMS notifier, its credentials or Node', async () => {
    for (const host of inventory.hosts.filter((h) => h.roles.includes('monitoring'))) {
      const packages = await sh(
        host,
        "dpkg -l nagios4-core nagios4-cgi apache2 libapache2-mod-php libgd3 nodejs libmariadb3 nagios-nrpe-plugin 2>/dev/null | grep '^ii' || true",
      );
      const files = await sh(
        host,
        leftovers([
          '/etc/nagios4/hastack-objects.cfg',
          '/etc/apache2/hastack-nagios-web.users',
          '/etc/hastack',
          '/usr/local/lib/hastack-sms',
          '/var/lib/hastack-sms',
          '/var/log/hastack-sms',
          '/var/lib/hastack',
        ]),
      );
      expect({ host: host.name, packages, files }).toEqual({ host: host.name, packages: '', files: '' });
    }
  });
});
