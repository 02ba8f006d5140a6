export interface SitePages {
  /** The page at /, naming the host so a client can tell which real server answered. */
  index: string;
  /** The page at /health that the directors' HTTP check expects a 200 from. */
  health: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderSitePages(hostName: string): SitePages {
  return {
    index: `<!doctype html>\n<title>${escapeHtml(hostName)}</title>\n<p>Served by <strong id="host">${escapeHtml(hostName)}</strong></p>\n`,
    health: 'OK\n',
  };
}

/** Apache settings of the stack: its name, and no version banner for strangers. */
export function renderApacheConf(serverName: string): string {
  if (!/^[A-Za-z0-9.-]+$/.test(serverName)) throw new Error(`WebServer: "${serverName}" is not a host name`);
  return [
    '# Rendered by hastack (web tier).',
    `ServerName ${serverName}`,
    'ServerTokens Prod',
    'ServerSignature Off',
    '<Location "/health">',
    '  ForceType text/plain',
    '</Location>',
    '',
  ].join('\n');
}
