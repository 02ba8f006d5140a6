import type { Client } from 'ssh2';
import { ConnectionSpec, connectionKey } from './connection-spec';

/** OpenSSH allows 10 sessions per connection (MaxSessions); staying under it leaves room for a human's. */
export const DEFAULT_MAX_CHANNELS = 8;
// A connection nobody used for this long is closed; the next command to the host dials again.
const DEFAULT_IDLE_MS = 60_000;

/**
 * A channel could not be opened because the connection is gone, so nothing ran and the work can
 * safely be tried again on a new connection.
 */
export class ConnectionLostError extends Error {}

interface PoolEntry {
  client: Promise<Client>;
  closed: boolean;
  activeChannels: number;
  waiting: (() => void)[];
  idleTimer?: NodeJS.Timeout;
}

/**
 * One SSH connection per distinct connection spec, shared by every resource of a deployment, with at
 * most `maxChannels` channels open on it at once; the rest wait their turn.
 */
export class ConnectionPool {
  private readonly entries = new Map<string, PoolEntry>();

  constructor(
    private readonly dial: (spec: ConnectionSpec, onRetry: (message: string) => void) => Promise<Client>,
    private readonly maxChannels = DEFAULT_MAX_CHANNELS,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  /**
   * Runs `work` with the spec's connection, holding one of its channel slots meanwhile. When this call
   * dials, `onDialRetry` hears about failed attempts.
   */
  async withConnection<T>(spec: ConnectionSpec, work: (client: Client) => Promise<T>, onDialRetry: (message: string) => void = () => undefined): Promise<T> {
    try {
      return await this.withSlot(spec, work, onDialRetry);
    } catch (error) {
      // The pooled connection died while idle (host rebooted): nothing ran, so dial again once.
      if (error instanceof ConnectionLostError) return this.withSlot(spec, work, onDialRetry);
      throw error;
    }
  }

  /** Closes every connection, for a provider shutting down. */
  closeAll(): void {
    for (const entry of this.entries.values())
      void entry.client.then(
        (client) => client.end(),
        () => undefined,
      );
    this.entries.clear();
  }

  private async withSlot<T>(spec: ConnectionSpec, work: (client: Client) => Promise<T>, onDialRetry: (message: string) => void): Promise<T> {
    const key = connectionKey(spec);
    const entry = this.entries.get(key) ?? this.open(key, spec, onDialRetry);
    await this.acquire(entry);
    try {
      const client = await entry.client;
      try {
        return await work(client);
      } catch (error) {
        if (error instanceof ConnectionLostError) this.discard(key, entry, client);
        throw error;
      }
    } finally {
      this.release(entry);
    }
  }

  private open(key: string, spec: ConnectionSpec, onDialRetry: (message: string) => void): PoolEntry {
    const entry: PoolEntry = { client: this.dial(spec, onDialRetry), closed: false, activeChannels: 0, waiting: [] };
    this.entries.set(key, entry);
    entry.client.then(
      (client) => client.once('close', () => this.forget(key, entry)),
      () => this.forget(key, entry),
    );
    return entry;
  }

  private discard(key: string, entry: PoolEntry, client: Client): void {
    this.forget(key, entry);
    client.end();
  }

  private forget(key: string, entry: PoolEntry): void {
    entry.closed = true;
    clearTimeout(entry.idleTimer);
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  private async acquire(entry: PoolEntry): Promise<void> {
    clearTimeout(entry.idleTimer);
    if (entry.activeChannels < this.maxChannels) {
      entry.activeChannels++;
      return;
    }
    // The releasing holder hands its slot over, so the count stays as it is.
    await new Promise<void>((resolve) => entry.waiting.push(resolve));
  }

  private release(entry: PoolEntry): void {
    const next = entry.waiting.shift();
    if (next) return next();
    entry.activeChannels--;
    if (entry.activeChannels === 0 && !entry.closed) {
      entry.idleTimer = setTimeout(() => void entry.client.then((client) => client.end()), this.idleMs);
      entry.idleTimer.unref();
    }
  }
}
