import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { AnyAuthMethod, Client, utils } from 'ssh2';
import { dialRetryDelay } from './backoff';
import { ConnectionSpec, describeConnection } from './connection-spec';

// Detects a host that went away (rebooted, cable pulled) while its connection sits idle in the pool.
const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 4;

/** A failure that another attempt cannot fix (wrong key, wrong host key). */
class PermanentDialError extends Error {}

function authMethods(spec: ConnectionSpec): AnyAuthMethod[] {
  const username = spec.user;
  const methods: AnyAuthMethod[] = [];
  if (spec.privateKey) {
    const parsed = utils.parseKey(spec.privateKey, spec.privateKeyPassword);
    if (parsed instanceof Error) {
      throw new PermanentDialError(`connection.privateKey cannot be used: ${parsed.message}`);
    }
    methods.push({ type: 'publickey', username, key: spec.privateKey, passphrase: spec.privateKeyPassword });
  }
  if (spec.password) {
    const password = spec.password;
    methods.push({ type: 'password', username, password });
    methods.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    });
  }
  const agent = spec.agentSocketPath ?? process.env.SSH_AUTH_SOCK;
  if (agent && existsSync(agent)) methods.push({ type: 'agent', username, agent });
  return methods.length ? methods : [{ type: 'none', username }];
}

/** The key the host must present, and the only host key algorithms that can present it. */
interface ExpectedHostKey {
  blob: Buffer;
  algorithms: string[];
}

/** The algorithms that prove possession of a key of this type (an RSA key signs with SHA-2 too). */
function algorithmsFor(type: string): string[] {
  return type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type];
}

function expectedHostKey(spec: ConnectionSpec): ExpectedHostKey | undefined {
  if (!spec.hostKey) return undefined;
  const [type, base64] = spec.hostKey.trim().split(/\s+/);
  if (!base64) throw new PermanentDialError('connection.hostKey must be an authorized_keys line ("<type> <base64>")');
  return { blob: Buffer.from(base64, 'base64'), algorithms: algorithmsFor(type) };
}

/** A key's fingerprint as OpenSSH prints it, so that an operator can compare it with `ssh-keygen -lf`. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function openTcp(spec: ConnectionSpec): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: spec.host, port: spec.port });
    const timeout = spec.perDialTimeout * 1000;
    if (timeout > 0) {
      socket.setTimeout(timeout, () => socket.destroy(new Error(`dial tcp ${spec.host}:${spec.port}: i/o timeout`)));
    }
    socket.once('connect', () => {
      socket.setTimeout(0);
      // Without it, Nagle's algorithm and delayed ACKs hold each small channel message back for tens of ms.
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function openThroughBastion(bastion: Client, spec: ConnectionSpec): Promise<Duplex> {
  return new Promise((resolve, reject) =>
    bastion.forwardOut('127.0.0.1', 0, spec.host, spec.port, (error, stream) =>
      error ? reject(new Error(`the bastion cannot reach ${spec.host}:${spec.port}: ${error.message}`)) : resolve(stream),
    ),
  );
}

/** What a handshake needs besides the socket, read once so that a bad key fails before any dial. */
interface Credentials {
  authHandler: AnyAuthMethod[];
  hostKey?: ExpectedHostKey;
}

function handshake(spec: ConnectionSpec, credentials: Credentials, sock: Duplex): Promise<Client> {
  const { authHandler, hostKey } = credentials;
  return new Promise((resolve, reject) => {
    const client = new Client();
    // Set when the host presented another key than the expected one: the handshake stops before authentication.
    let presentedKey: Buffer | undefined;
    client.once('ready', () => {
      client.removeAllListeners('error');
      // Later errors surface as a 'close' to the pool and as failures of the channels in use.
      client.on('error', () => undefined);
      resolve(client);
    });
    client.once('error', (error: Error & { level?: string }) => {
      sock.destroy();
      if (presentedKey && hostKey) {
        reject(
          new PermanentDialError(
            `the host key of ${spec.host}:${spec.port} changed: it presented ${fingerprint(presentedKey)}, expected ${fingerprint(hostKey.blob)} ` +
              '(connection.hostKey); nothing was sent to it',
          ),
        );
      } else if (error.level === 'client-authentication') {
        reject(new PermanentDialError(`authentication as ${spec.user} failed (${error.message})`));
      } else reject(error);
    });
    client.connect({
      sock,
      username: spec.user,
      authHandler,
      // Offering only the expected key's algorithms makes the host present that key, whichever others it has.
      ...(hostKey && { algorithms: { serverHostKey: hostKey.algorithms as never } }),
      hostVerifier: (key: Buffer) => {
        if (hostKey === undefined || hostKey.blob.equals(key)) return true;
        presentedKey = key;
        return false;
      },
      readyTimeout: spec.perDialTimeout * 1000,
      keepaliveInterval: KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    });
  });
}

/**
 * Calls `attempt` until it succeeds, waiting longer after each failure, and gives up once more than
 * `dialErrorLimit` attempts have failed (as upstream counts) or on a failure retrying cannot fix.
 */
async function withRetries<T>(spec: ConnectionSpec, attempt: () => Promise<T>, onRetry: (message: string) => void): Promise<T> {
  const limit = spec.dialErrorLimit;
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof PermanentDialError) {
        throw new Error(`ssh: cannot connect to ${describeConnection(spec)}: ${message}`);
      }
      if (limit >= 0 && failures > limit) {
        throw new Error(`ssh: cannot connect to ${describeConnection(spec)} after ${failures} failed attempts: ${message}`);
      }
      onRetry(`Dial ${failures}/${limit < 0 ? 'inf' : limit} to ${describeConnection(spec)} failed: retrying (${message})`);
      await sleep(dialRetryDelay(failures));
    }
  }
}

/**
 * An authenticated SSH connection, through the proxy (bastion) when the spec has one; the bastion's
 * connection closes with the target's.
 */
export async function dial(spec: ConnectionSpec, onRetry: (message: string) => void): Promise<Client> {
  let credentials: Credentials;
  try {
    credentials = { authHandler: authMethods(spec), hostKey: expectedHostKey(spec) };
  } catch (error) {
    throw new Error(`ssh: cannot connect to ${describeConnection(spec)}: ${(error as Error).message}`);
  }
  if (!spec.proxy) return withRetries(spec, async () => handshake(spec, credentials, await openTcp(spec)), onRetry);
  const bastion = await dial(spec.proxy, onRetry).catch((error: Error) => {
    throw new Error(`proxy: ${error.message}`);
  });
  try {
    const client = await withRetries(spec, async () => handshake(spec, credentials, await openThroughBastion(bastion, spec)), onRetry);
    client.once('close', () => bastion.end());
    return client;
  } catch (error) {
    bastion.end();
    throw error;
  }
}
