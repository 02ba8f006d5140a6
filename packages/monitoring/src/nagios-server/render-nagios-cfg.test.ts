import { renderNagiosCfg, type NagiosCfg } from './render-nagios-cfg';

const cfg: NagiosCfg = {
  layout: {
    configDir: '/etc/nagios4',
    varDir: '/var/lib/nagios4',
    logDir: '/var/log/nagios4',
    commandFile: '/var/lib/nagios4/rw/nagios.cmd',
    lockFile: '/run/nagios4/nagios4.pid',
    checkResultDir: '/var/lib/nagios4/spool/checkresults',
    pluginDir: '/usr/lib/nagios/plugins',
  },
  objectsFile: '/etc/nagios4/hastack-objects.cfg',
  user: 'nagios',
  group: 'nagios',
  initialSpreadMinutes: 1,
  settings: {},
};

/** The file's settings in order, as Nagios reads them (`key=value`, the first `=` splits). */
function settings(text: string): [string, string][] {
  return text
    .split('\n')
    .slice(1, -1)
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
}

describe('renderNagiosCfg', () => {
  const text = renderNagiosCfg(cfg);
  const values = new Map(settings(text));

  it('is a header and one setting a line, each setting once', () => {
    expect(text.split('\n')[0]).toBe('# Managed by hastack (monitoring NagiosServer); edits are overwritten.');
    expect(text.endsWith('\n')).toBe(true);
    expect(settings(text).every(([key]) => /^[a-z_0-9]+$/.test(key))).toBe(true);
    expect(values.size).toBe(settings(text).length);
  });

  it("reads the stack's objects only, not the distribution's samples", () => {
    expect(settings(text).filter(([key]) => key === 'cfg_file' || key === 'cfg_dir')).toEqual([['cfg_file', '/etc/nagios4/hastack-objects.cfg']]);
    expect(values.get('resource_file')).toBe('/etc/nagios4/resource.cfg');
  });

  it("puts every file where the distribution's layout has it", () => {
    expect(values.get('log_file')).toBe('/var/log/nagios4/nagios.log');
    expect(values.get('status_file')).toBe('/var/lib/nagios4/status.dat');
    expect(values.get('command_file')).toBe('/var/lib/nagios4/rw/nagios.cmd');
    expect(values.get('lock_file')).toBe('/run/nagios4/nagios4.pid');
    expect(values.get('check_result_path')).toBe('/var/lib/nagios4/spool/checkresults');
    expect(values.get('state_retention_file')).toBe('/var/lib/nagios4/retention.dat');
  });

  it('counts intervals in seconds, spreads the first checks as asked, and takes external commands as the given user', () => {
    expect(values.get('interval_length')).toBe('1');
    expect([values.get('max_service_check_spread'), values.get('max_host_check_spread')]).toEqual(['1', '1']);
    expect([values.get('nagios_user'), values.get('nagios_group'), values.get('check_external_commands')]).toEqual(['nagios', 'nagios', '1']);
  });

  it('lets the given settings win in place and adds new ones at the end', () => {
    const tuned = settings(renderNagiosCfg({ ...cfg, settings: { status_update_interval: 10, max_concurrent_checks: 8 } }));
    const original = settings(text);
    expect(tuned.map(([key]) => key)).toEqual([...original.map(([key]) => key), 'max_concurrent_checks']);
    expect(new Map(tuned).get('status_update_interval')).toBe('10');
    expect(tuned.at(-1)).toEqual(['max_concurrent_checks', '8']);
  });
});
