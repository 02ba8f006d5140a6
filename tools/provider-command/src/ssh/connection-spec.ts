import { UNKNOWN, reveal } from '@hastack/provider-kit';
import type { CheckFailure } from '@pulumi/pulumi/provider';
import { createHash } from 'node:crypto';

/** The `connection` input of the remote resources, with the SDK's defaults applied. */
export interface ConnectionSpec {
  host: string;
  port: number;
  user: string;
  password?: string;
  privateKey?: string;
  privateKeyPassword?: string;
  /** Agent socket; `$SSH_AUTH_SOCK` of the provider when absent. */
  agentSocketPath?: string;
  /** Failed dials tolerated before giving up; -1 retries forever. */
  dialErrorLimit: number;
  /** Seconds a TCP connect and an SSH handshake may each take; 0 waits forever. */
  perDialTimeout: number;
  /** The host's public key as an authorized_keys line; the host key is not verified when absent. */
  hostKey?: string;
  proxy?: ConnectionSpec;
}

type Fields = Record<string, unknown>;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function specOf(fields: Fields): ConnectionSpec {
  return {
    host: String(fields.host),
    port: typeof fields.port === 'number' ? fields.port : 22,
    user: optionalString(fields.user) ?? 'root',
    password: optionalString(fields.password),
    privateKey: optionalString(fields.privateKey),
    privateKeyPassword: optionalString(fields.privateKeyPassword),
    agentSocketPath: optionalString(fields.agentSocketPath),
    dialErrorLimit: typeof fields.dialErrorLimit === 'number' ? fields.dialErrorLimit : 10,
    perDialTimeout: typeof fields.perDialTimeout === 'number' ? fields.perDialTimeout : 15,
    hostKey: optionalString(fields.hostKey),
    proxy: fields.proxy ? specOf(fields.proxy as Fields) : undefined,
  };
}

/** The connection a resource's (wire) `connection` input describes. */
export function connectionSpec(wire: unknown): ConnectionSpec {
  return specOf(reveal(wire) as Fields);
}

export function checkConnection(wire: unknown, property = 'connection'): CheckFailure[] {
  const fields = reveal(wire);
  if (fields === UNKNOWN) return [];
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return [{ property, reason: `${property} is required` }];
  }
  const { host, port, dialErrorLimit, perDialTimeout, proxy } = fields as Fields;
  const failures: CheckFailure[] = [];
  const fail = (field: string, reason: string) => failures.push({ property: `${property}.${field}`, reason });
  const known = (value: unknown) => value !== undefined && value !== null && value !== UNKNOWN;
  if (host !== UNKNOWN && (typeof host !== 'string' || host === '')) fail('host', 'host is required');
  if (known(port) && !(Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536)) {
    fail('port', 'port must be a number from 1 to 65535');
  }
  if (known(dialErrorLimit) && !(Number.isInteger(dialErrorLimit) && (dialErrorLimit as number) >= -1)) {
    fail('dialErrorLimit', 'dialErrorLimit must be -1 (unlimited) or a count of failed dials');
  }
  if (known(perDialTimeout) && !(Number.isInteger(perDialTimeout) && (perDialTimeout as number) >= 0)) {
    fail('perDialTimeout', 'perDialTimeout must be a number of seconds (0: no timeout)');
  }
  for (const field of ['user', 'password', 'privateKey', 'privateKeyPassword', 'agentSocketPath', 'hostKey']) {
    const value = (fields as Fields)[field];
    if (known(value) && typeof value !== 'string') fail(field, `${field} must be a string`);
  }
  if (known(proxy)) failures.push(...checkConnection(proxy, `${property}.proxy`));
  return failures;
}

/** The credentials in a connection and its proxy: the parts of the (wholly secret) input worth masking. */
export function connectionCredentials(wire: unknown): string[] {
  if (wire === undefined || wire === null) return [];
  const credentials = (spec: ConnectionSpec | undefined): (string | undefined)[] =>
    spec ? [spec.password, spec.privateKey, spec.privateKeyPassword, ...credentials(spec.proxy)] : [];
  return credentials(connectionSpec(wire)).filter((value): value is string => value !== undefined);
}

/** How messages name a connection: `user@host:port`. */
export function describeConnection(spec: ConnectionSpec): string {
  return `${spec.user}@${spec.host}:${spec.port}`;
}

/** Connections with the same key can be shared: same address, login, credentials and route. */
export function connectionKey(spec: ConnectionSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}
