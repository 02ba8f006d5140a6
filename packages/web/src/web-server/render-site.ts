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

export interface ApacheConfOptions {
  /** The host's name, for `ServerName`. */
  serverName: string;
  /** The path of the health URL the directors check. */
  healthPath: string;
  /** While this file exists the health URL answers 503, so the directors take the host out of the pool. */
  drainFlag: string;
}

const SAFE_PATH = /^\/[A-Za-z0-9._/-]*$/;

/**
 * Apache settings of the stack: its name, no version banner for strangers, PHP before static indexes, and
 * the health URL. The drain test is Apache's own (`<If -f>`, core, answered by mod_alias), so the health
 * answer depends on neither PHP nor the database: a PHP or database fault never empties the pool.
 */
export function renderApacheConf(options: ApacheConfOptions): string {
  const { serverName, healthPath, drainFlag } = options;
  if (!/^[A-Za-z0-9.-]+$/.test(serverName)) throw new Error(`WebServer: "${serverName}" is not a host name`);
  for (const [name, path] of [['healthPath', healthPath], ['drainFlag', drainFlag]] as const) {
    if (!SAFE_PATH.test(path)) throw new Error(`WebServer: ${name} "${path}" is not a plain absolute path`);
  }
  return [
    '# Rendered by hastack (web tier).',
    `ServerName ${serverName}`,
    'ServerTokens Prod',
    'ServerSignature Off',
    // A second DirectoryIndex adds to the distribution's list (index.html first); "disabled" empties it.
    'DirectoryIndex disabled',
    'DirectoryIndex index.php index.html',
    `<Location "${healthPath}">`,
    '  ForceType text/plain',
    `  <If "-f '${drainFlag}'">`,
    '    Redirect 503',
    '  </If>',
    '</Location>',
    '',
  ].join('\n');
}
