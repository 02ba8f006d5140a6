import { osProfile } from '@hastack/host';
import { renderNagiosCgiCfg, renderNagiosWebApacheConf, renderUsersFile } from './render-nagios-web';

const debian = osProfile('debian-12').nagiosWeb;
const rocky = osProfile('rocky-9').nagiosWeb;

describe('the Nagios web interface config for Apache', () => {
  it('requires the admin sources and a valid user together, on the pages and the CGIs', () => {
    const conf = renderNagiosWebApacheConf({ layout: debian, adminSources: ['198.18.0.1', '10.9.0.0/24'], realm: 'Nagios (monitoring)' });
    expect(conf).toContain('<DirectoryMatch "^(/usr/share/nagios4/htdocs|/usr/lib/cgi-bin/nagios4|/etc/nagios4/stylesheets)">');
    expect(conf).toMatch(/<RequireAll>\n\s+Require ip 198\.18\.0\.1 10\.9\.0\.0\/24\n\s+Require valid-user\n\s+<\/RequireAll>/);
    expect(conf).toContain('AuthUserFile "/etc/apache2/hastack-nagios-web.users"');
    expect(conf).toContain('ScriptAlias /nagios4/cgi-bin /usr/lib/cgi-bin/nagios4\n');
    // The distribution's file lets private networks in without a password and .htaccess files change it.
    expect(conf).not.toMatch(/Require all granted|Require ip .*10\.0\.0\.0\/8|AllowOverride AuthConfig/);
  });

  it("loads a CGI module only where none is, from the distribution's module folder", () => {
    expect(renderNagiosWebApacheConf({ layout: debian, adminSources: ['198.18.0.1'], realm: 'r' })).toMatch(
      /<IfModule !mod_cgi\.c>\n\s+<IfModule !mod_cgid\.c>\n\s+LoadModule cgid_module \/usr\/lib\/apache2\/modules\/mod_cgid\.so/,
    );
    const el = renderNagiosWebApacheConf({ layout: rocky, adminSources: ['198.18.0.1'], realm: 'r' });
    expect(el).toContain('LoadModule cgid_module /etc/httpd/modules/mod_cgid.so');
    expect(el).toContain('Alias /nagios /usr/share/nagios/html\n');
    expect(el).not.toContain('stylesheets');
  });
});

describe("the Nagios CGIs' config", () => {
  const base = { layout: debian, mainConfig: '/etc/nagios4/nagios.cfg', user: 'nagiosadmin' };

  it('authenticates, shows everything to the user, and grants no command unless asked', () => {
    const readOnly = renderNagiosCgiCfg({ ...base, allowCommands: false });
    expect(readOnly).toContain('use_authentication=1\n');
    expect(readOnly).toContain('authorized_for_all_services=nagiosadmin\n');
    expect(readOnly).toContain('authorized_for_read_only=nagiosadmin\n');
    expect(readOnly).not.toMatch(/_commands=/);
    const commands = renderNagiosCgiCfg({ ...base, allowCommands: true });
    expect(commands).toContain('authorized_for_all_service_commands=nagiosadmin\n');
    expect(commands).not.toContain('authorized_for_read_only');
  });

  it('points the CGIs at the main config and the pages of the distribution', () => {
    const cfg = renderNagiosCgiCfg({ ...base, allowCommands: false });
    expect(cfg).toContain('main_config_file=/etc/nagios4/nagios.cfg\nphysical_html_path=/usr/share/nagios4/htdocs\nurl_html_path=/nagios4\n');
  });
});

it('writes one user with its hash to the password file', () => {
  expect(renderUsersFile('nagiosadmin', '$2a$10$abc')).toBe('nagiosadmin:$2a$10$abc\n');
});
