import { bashScript, isIpv4, shellQuote } from '@hastack/host';
import { APP_SETTINGS_PATH } from '../web-server/web-server';

/**
 * On a web host: the application's settings name a new database primary and replica list, their other
 * values (the password above all) untouched, written as renderAppSettings writes them so that the next
 * deployment finds the file as it would render it. The file is replaced whole (same owner and mode): PHP
 * never reads half of it. Refuses a file without the lines to change.
 */
export function repointAppDatabaseScript(primary: string, replicas: readonly string[], path: string = APP_SETTINGS_PATH): string {
  for (const address of [primary, ...replicas]) if (!isIpv4(address)) throw new Error(`"${address}" is not an IPv4 address`);
  const primaryLine = `    'primary' => '${primary}',`;
  const replicasLine = `    'replicas' => [${replicas.map((address) => `'${address}'`).join(', ')}],`;
  return bashScript([
    `file=${shellQuote(path)}`,
    `grep -q "^    'primary' => " "$file" && grep -q "^    'replicas' => " "$file" || { echo "$file names no database primary and replicas" >&2; exit 1; }`,
    'new="$(mktemp "$file.XXXXXX")"',
    'trap \'rm -f "$new"\' EXIT',
    `awk -v primary=${shellQuote(primaryLine)} -v replicas=${shellQuote(replicasLine)} '/^    .primary. => / { print primary; next } /^    .replicas. => / { print replicas; next } { print }' "$file" > "$new"`,
    'chown --reference="$file" "$new"',
    'chmod --reference="$file" "$new"',
    'mv -f "$new" "$file"',
  ]);
}
