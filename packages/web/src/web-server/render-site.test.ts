import { renderApacheConf, renderSitePages } from './render-site';

describe('renderSitePages', () => {
  it('names the host on the index page, escaped', () => {
    expect(renderSitePages('web1').index).toContain('<strong id="host">web1</strong>');
    expect(renderSitePages('<b>').index).toContain('&#60;b&#62;');
  });

  it('answers the health check with OK', () => {
    expect(renderSitePages('web1').health).toBe('OK\n');
  });
});

describe('renderApacheConf', () => {
  it('sets the server name and hides the version', () => {
    const conf = renderApacheConf('web1');
    expect(conf).toContain('ServerName web1');
    expect(conf).toContain('ServerTokens Prod');
  });

  it('refuses a name that would inject directives', () => {
    expect(() => renderApacheConf('web1\nInclude /etc/shadow')).toThrow('is not a host name');
  });
});
