import { HIDDEN_PATHS, renderApacheConf, renderSitePages } from './render-site';

describe('renderSitePages', () => {
  it('names the host on the index page, escaped', () => {
    expect(renderSitePages('web1').index).toContain('<strong id="host">web1</strong>');
    expect(renderSitePages('<b>').index).toContain('&#60;b&#62;');
  });

  it('shows the PHP version only when PHP runs the page', () => {
    expect(renderSitePages('web1').index).toContain('<span id="php"><?= htmlspecialchars(PHP_VERSION) ?></span>');
  });

  it('answers the health check with a static OK', () => {
    expect(renderSitePages('web1').health).toBe('OK\n');
  });
});

describe('renderApacheConf', () => {
  const options = { serverName: 'web1', healthPath: '/health', drainFlag: '/var/lib/hastack/lab/web/drain' };

  it('sets the server name, hides the version and prefers the PHP index', () => {
    const conf = renderApacheConf(options);
    expect(conf).toContain('ServerName web1');
    expect(conf).toContain('ServerTokens Prod');
    expect(conf).toContain('DirectoryIndex disabled\nDirectoryIndex index.php index.html');
  });

  it('answers 503 at the health URL while the drain flag exists, without PHP', () => {
    expect(renderApacheConf(options)).toContain(
      ['<Location "/health">', '  ForceType text/plain', `  <If "-f '/var/lib/hastack/lab/web/drain'">`, '    Redirect 503', '  </If>', '</Location>'].join(
        '\n',
      ),
    );
  });

  it('denies every URL path with a dot segment but /.well-known/ and the releases, to everyone', () => {
    expect(renderApacheConf(options)).toContain(`<LocationMatch "${HIDDEN_PATHS}">\n  Require all denied\n</LocationMatch>`);
    // Apache matches the decoded path (%2e is a dot by then), with PCRE: JavaScript reads this pattern alike.
    const hidden = new RegExp(HIDDEN_PATHS);
    const denied = [
      '/.git/config',
      '/.git/',
      '/.env',
      '/lib/.htpasswd',
      '/.well-known/.draft',
      '/.hastack-releases/0123abcd/.git/HEAD',
      '/.well-knownx/a',
      '/.svn',
    ];
    const served = [
      '/',
      '/index.php',
      '/lib/a.b.php',
      '/.well-known',
      '/.well-known/acme-challenge/t0k',
      '/.hastack-releases/0123abcd/index.php',
      '/health',
      '/v1.2/',
    ];
    expect(denied.filter((path) => !hidden.test(path))).toEqual([]);
    expect(served.filter((path) => hidden.test(path))).toEqual([]);
  });

  it('refuses a name that would inject directives', () => {
    expect(() => renderApacheConf({ ...options, serverName: 'web1\nInclude /etc/shadow' })).toThrow('is not a host name');
  });

  it('refuses paths that would break out of the quoted expression', () => {
    expect(() => renderApacheConf({ ...options, drainFlag: "/tmp/x' || true" })).toThrow('drainFlag');
    expect(() => renderApacheConf({ ...options, healthPath: 'health' })).toThrow('healthPath');
  });

  it("adds the stack's own directives after its settings, one per line", () => {
    expect(renderApacheConf({ ...options, settings: ['php_admin_value memory_limit 256M'] })).toMatch(
      /# Settings of the stack \(apacheSettings\)\.\nphp_admin_value memory_limit 256M\n$/,
    );
  });
});
