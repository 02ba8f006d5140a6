export interface AppSettings {
  /** Address of the database primary, for writes. */
  primary: string;
  /** Addresses of the replicas, for reads. */
  replicas: readonly string[];
  /** A TCP port (`validateWebServerArgs`). */
  port: number;
  database: string;
  user: string;
  /** Secret: the rendered file is secret too. */
  password: string;
  /** The shared folder (the MooseFS mount) the application may write to; undefined without one. */
  sharedDir?: string;
}

/**
 * A PHP single-quoted literal: only the backslash and the quote are special there. String(): a secret of a
 * resource not yet created under Pulumi's mocks arrives undefined despite its type.
 */
function phpString(value: string): string {
  return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The application's settings as a PHP file returning an array (`$settings = require '/etc/...';`), so the
 * application needs no parser and the password is never in an environment or a command line.
 */
export function renderAppSettings(settings: AppSettings): string {
  const lines = [
    '<?php',
    '// Rendered by hastack (web tier) from the database and file-system tiers. Secret: root and the web server only.',
    'return [',
    `  'db' => [`,
    `    'primary' => ${phpString(settings.primary)},`,
    `    'replicas' => [${settings.replicas.map(phpString).join(', ')}],`,
    `    'port' => ${settings.port},`,
    `    'database' => ${phpString(settings.database)},`,
    `    'user' => ${phpString(settings.user)},`,
    `    'password' => ${phpString(settings.password)},`,
    '  ],',
    `  'shared_dir' => ${settings.sharedDir === undefined ? 'null' : phpString(settings.sharedDir)},`,
    '];',
    '',
  ];
  return lines.join('\n');
}
