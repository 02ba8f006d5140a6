import { isIpv4 } from '@hastack/host';

/**
 * The values this tier writes into SQL and option files, with one rule each: every validator and
 * renderer of the tier uses these, so a value accepted by the args is one the renderers can write.
 * Addresses follow the site's one IPv4 rule, `isIpv4` of @hastack/host.
 */

/** A database or user name written unquoted-safe: a letter or underscore, then letters, digits, underscores (max 32). */
export const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

export function isPlainIdentifier(value: string): boolean {
  return PLAIN_IDENTIFIER.test(value);
}

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A quoted SQL identifier (database, table, user part). */
export function sqlIdentifier(value: string): string {
  return `\`${value.replace(/`/g, '``')}\``;
}

/** 'user'@'host' as GRANT and CREATE USER write it. */
export function sqlAccount(user: string, host: string): string {
  return `${sqlString(user)}@${sqlString(host)}`;
}

/**
 * A server_id derived from an IPv4 address: the address as a 32-bit number. Unique among hosts with
 * different addresses, stable across deployments, and needs no coordination between hosts.
 */
export function serverIdFromAddress(address: string): number {
  if (!isIpv4(address)) throw new Error(`server_id: "${address}" is not an IPv4 address`);
  const id = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  if (id === 0) throw new Error('server_id: 0.0.0.0 gives server_id 0, which MariaDB refuses for replication');
  return id;
}
