import type * as pulumi from '@pulumi/pulumi';
import { isPort } from '@hastack/host';
import type { Host } from '@hastack/host';

/** The database the application uses, as the db tier's ReplicatedDatabase gives it. */
export interface AppDatabase {
  /** The primary, for writes. */
  primaryAddress: pulumi.Input<string>;
  /** The replicas, for reads. */
  replicaAddresses: pulumi.Input<string[]>;
  port: number;
  database: pulumi.Input<string>;
  user: string;
  /** Secret; it reaches the host on stdin only. */
  password: pulumi.Input<string>;
}

export interface WebServerArgs {
  /** The web host. */
  host: Host;
  /** The application's database: its settings file (`APP_SETTINGS_PATH`) is written when given. */
  database?: AppDatabase;
  /** The shared folder the application writes to (a MooseFS mount's `where`), in the settings file. */
  sharedDir?: pulumi.Input<string>;
  /** Serve a page naming the host from the document root (true); leave it out where an `AppRelease` serves the application. */
  placeholderPage?: boolean;
  /**
   * Further Apache directives, one per entry, in the stack's settings file (PHP's limits, for example
   * `php_admin_value memory_limit 256M`); checked with the rest by `apachectl -t` before Apache reloads.
   */
  apacheSettings?: readonly string[];
}

/** Every problem with the args, each naming the argument; the component runs it before any child exists. */
export function validateWebServerArgs(args: WebServerArgs): string[] {
  const problems: string[] = [];
  if (args.database && !isPort(args.database.port)) problems.push(`database.port: ${args.database.port} is not a TCP port`);
  (args.apacheSettings ?? []).forEach((line, i) => {
    if (/[\r\n]/.test(line)) problems.push(`apacheSettings[${i}]: ${JSON.stringify(line)} spans lines: give one directive per entry`);
    // EL runs PHP in php-fpm (EL9 has no mod_php), so `apachectl -t` would call the directive invalid.
    if (args.host.profile.family === 'el' && /^\s*php_(admin_)?(value|flag)\b/i.test(line))
      problems.push(
        `apacheSettings[${i}]: ${args.host.profile.os} runs PHP in php-fpm, where Apache takes no ${line.trim().split(/\s+/)[0]}: PHP's settings go in /etc/php.d`,
      );
  });
  return problems;
}
