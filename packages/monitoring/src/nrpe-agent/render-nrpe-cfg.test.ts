import { NRPE_DEFAULT_THRESHOLDS, renderNrpeCfg } from './render-nrpe-cfg';

const cfg = {
  listenAddress: '198.18.0.31',
  port: 5666,
  allowedHosts: ['198.18.0.51'],
  pluginDir: '/usr/lib/nagios/plugins',
  ...NRPE_DEFAULT_THRESHOLDS,
  commands: ['mariadb-up'],
  scriptDir: '/usr/local/lib/hastack-nrpe',
};

function setting(text: string, key: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));
}

describe('renderNrpeCfg', () => {
  const text = renderNrpeCfg(cfg);

  it('answers the monitoring host only, on the host address, and takes no arguments', () => {
    expect(setting(text, 'allowed_hosts')).toEqual(['198.18.0.51']);
    expect(setting(text, 'server_address')).toEqual(['198.18.0.31']);
    expect(setting(text, 'dont_blame_nrpe')).toEqual(['0']);
    expect(text).not.toContain('$ARG');
  });

  it('gives every host the base checks with their thresholds', () => {
    expect(text).toContain('command[check_disk]=/usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /\n');
    expect(text).toContain('command[check_load]=/usr/lib/nagios/plugins/check_load -r -w 4,3,2 -c 8,6,4\n');
    expect(text).toContain('command[check_swap]=/usr/lib/nagios/plugins/check_swap -n ok -w 50% -c 20%\n');
    expect(text).toContain('command[check_total_procs]=/usr/lib/nagios/plugins/check_procs -w 300 -c 500\n');
  });

  it('runs each tier command as its own script', () => {
    expect(setting(text, 'command[mariadb-up]')).toEqual(['/usr/local/lib/hastack-nrpe/mariadb-up']);
  });
});
