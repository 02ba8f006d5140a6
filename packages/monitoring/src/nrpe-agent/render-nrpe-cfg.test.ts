import { execFileSync } from 'node:child_process';
import { NRPE_DEFAULT_THRESHOLDS, renderNrpeCfg } from './render-nrpe-cfg';

const cfg = {
  listenAddress: '198.18.0.31',
  port: 5666,
  allowedHosts: ['198.18.0.51'],
  pluginDir: '/usr/lib/nagios/plugins',
  ...NRPE_DEFAULT_THRESHOLDS,
  commands: [{ name: 'mariadb-up', command: `mysqladmin ping >/dev/null && echo 'OK: up' || { echo "CRITICAL: down"; exit 2; }` }],
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
    expect(text).toContain('command[check_swap]=/usr/lib/nagios/plugins/check_swap -w 50% -c 20%\n');
    expect(text).toContain('command[check_total_procs]=/usr/lib/nagios/plugins/check_procs -w 300 -c 500\n');
  });

  it('runs a tier command through bash exactly as given, as /bin/sh would parse the line', () => {
    const line = text.split('\n').find((l) => l.startsWith('command[mariadb-up]='))!;
    const commandLine = line.slice('command[mariadb-up]='.length);
    // What /bin/sh hands to bash -c is the original command, quotes and all.
    const seen = execFileSync('/bin/sh', ['-c', commandLine.replace(/^\/bin\/bash -c /, 'printf %s ')]).toString();
    expect(seen).toBe(cfg.commands[0].command);
  });
});
