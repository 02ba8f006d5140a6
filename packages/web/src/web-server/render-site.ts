import { isAbsolutePath } from '@hastack/host';

export interface SitePages {
  /** The PHP page at /, naming the host so a client can tell which real server answered. */
  index: string;
  /** The static answer at /health that the directors' HTTP check expects a 200 from. */
  health: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page before any application is released: the host's name (rendered, so it holds even where the
 * host's own name differs) and the PHP version, which only shows when PHP runs the page.
 */
export function renderSitePages(hostName: string): SitePages {
  return {
    index: [
      '<!doctype html>',
      `<title>${escapeHtml(hostName)}</title>`,
      `<p>Served by <strong id="host">${escapeHtml(hostName)}</strong></p>`,
      '<p>PHP <span id="php"><?= htmlspecialchars(PHP_VERSION) ?></span></p>',
      '',
    ].join('\n'),
    health: 'OK\n',
  };
}

/** Where the health URL's file lives: outside the document root, so that no release can drop or break it. */
export const HEALTH_DIR = '/var/www/hastack-health';
/** Where each release of the application lives (`AppRelease`); under /var/www so SELinux lets httpd read it. */
export const RELEASES_DIR = '/var/www/hastack-releases';
/** The URL path of the releases, answered to this host only: a release is checked there before it goes live. */
export const RELEASES_URL_PATH = '/.hastack-releases';
/** The one dot-folder a site serves, at its top: RFC 8615's well-known URIs (ACME challenges, security.txt). */
export const WELL_KNOWN_DIR = '.well-known';

const regexLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The dot-folders served at the top: the well-known URIs, and the releases' path (to this host only). */
const SERVED_DOT_FOLDERS = [WELL_KNOWN_DIR, RELEASES_URL_PATH.slice(1)];

/**
 * The URL paths no one gets (403): any with a segment starting with a dot (/.git/config, /.env,
 * /lib/.htpasswd, %2e-encoded too, since Apache matches the decoded path), but for `SERVED_DOT_FOLDERS` at
 * the top. Releases leave dot-entries out already (`appEntries`); this also covers what a release holds from
 * another packer, and what is written into the document root by hand.
 */
export const HIDDEN_PATHS = `^/(?!(?:${SERVED_DOT_FOLDERS.map(regexLiteral).join('|')})(?:/|$))\\.|./\\.`;

export interface ApacheConfOptions {
  /** The host's name, for `ServerName`. */
  serverName: string;
  /** The path of the health URL the directors check; its file is `health` in `HEALTH_DIR`. */
  healthPath: string;
  /** While this file exists the health URL answers 503, so the directors take the host out of the pool. */
  drainFlag: string;
  /** Further directives, one per entry (`validateWebServerArgs`), after the stack's own (PHP's limits: `php_admin_value memory_limit 256M`). */
  settings?: readonly string[];
}

/**
 * Apache settings of the stack: its name, no version banner for strangers, PHP before static indexes, no
 * dot-path served (`HIDDEN_PATHS`), the health URL (a file outside the document root) and the releases, for
 * this host alone. The drain test is Apache's own (`<If -f>`, core, answered by mod_alias), so the health
 * answer depends on neither PHP nor the database: a PHP or database fault never empties the pool.
 */
export function renderApacheConf(options: ApacheConfOptions): string {
  const { serverName, healthPath, drainFlag, settings = [] } = options;
  if (!/^[A-Za-z0-9.-]+$/.test(serverName)) throw new Error(`WebServer: "${serverName}" is not a host name`);
  for (const [name, path] of [
    ['healthPath', healthPath],
    ['drainFlag', drainFlag],
  ] as const) {
    if (!isAbsolutePath(path)) throw new Error(`WebServer: ${name} "${path}" is not a plain absolute path`);
  }
  return [
    '# Rendered by hastack (web tier).',
    `ServerName ${serverName}`,
    'ServerTokens Prod',
    'ServerSignature Off',
    // A second DirectoryIndex adds to the distribution's list (index.html first); "disabled" empties it.
    'DirectoryIndex disabled',
    'DirectoryIndex index.php index.html',
    `Alias "${healthPath}" "${HEALTH_DIR}/health"`,
    `<Location "${healthPath}">`,
    '  ForceType text/plain',
    `  <If "-f '${drainFlag}'">`,
    '    Redirect 503',
    '  </If>',
    '</Location>',
    `<LocationMatch "${HIDDEN_PATHS}">`,
    '  Require all denied',
    '</LocationMatch>',
    `Alias "${RELEASES_URL_PATH}" "${RELEASES_DIR}"`,
    `<Directory "${RELEASES_DIR}">`,
    '  Options -Indexes',
    '  Require local',
    '</Directory>',
    ...(settings.length ? ['# Settings of the stack (apacheSettings).', ...settings] : []),
    '',
  ].join('\n');
}
