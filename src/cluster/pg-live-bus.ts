import { Client } from 'pg';
import type { Logger } from '../log';
import type { PgDatabase } from '../store/postgres/pg-database';
import type { LiveBus, LiveHandler } from './live-bus';

/** The one NOTIFY channel of Frontdesk; topics travel inside the payload. */
export const LIVE_CHANNEL = 'frontdesk_live';
const RECONNECT_MS = { base: 250, max: 5_000 };

type Envelope = { from: string; topic: string; data: Record<string, unknown> };

/**
 * LiveBus on PostgreSQL LISTEN/NOTIFY: one dedicated connection listens (a pooled one would lose the
 * LISTEN when handed back), events are published with pg_notify on the pool. A NOTIFY sent inside a
 * transaction is delivered at its commit, in commit order, to every listening instance; this instance's
 * own are dropped (it served them directly). A lost listening connection is re-made with backoff, then
 * `onResync` handlers run.
 */
export class PgLiveBus implements LiveBus {
  private client: Client | null = null;
  private readonly handlers = new Map<string, Set<LiveHandler>>();
  private readonly resync = new Set<() => void>();
  private closed = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;

  private constructor(private readonly url: string, private readonly db: PgDatabase, private readonly instance: string, private readonly log: Logger) {}

  /** Listen before returning: an event published after this resolves reaches us. */
  static async open(url: string, db: PgDatabase, instance: string, log: Logger): Promise<PgLiveBus> {
    const bus = new PgLiveBus(url, db, instance, log);
    await bus.connect();
    return bus;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'frontdesk-live' });
    client.on('notification', (n) => this.deliver(n.payload));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
  }

  private lost(client: Client): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.failures++ === 0) this.log.warn('live updates: lost the listening connection to PostgreSQL; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(RECONNECT_MS.max, RECONNECT_MS.base * 2 ** Math.min(this.failures, 10));
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().then(() => {
        this.log.info({ retries: this.failures }, 'live updates: listening again');
        this.failures = 0;
        for (const handler of this.resync) handler();
      }, () => {
        this.failures++;
        if (!this.closed) this.scheduleReconnect();
      });
    }, delay);
    this.retry.unref();
  }

  private deliver(payload: string | undefined): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload ?? '') as Envelope;
    } catch {
      return this.log.warn('live updates: an event that is not JSON was ignored');
    }
    if (envelope.from === this.instance) return;
    for (const handler of this.handlers.get(envelope.topic) ?? []) {
      try {
        handler(envelope.data);
      } catch (error) {
        this.log.error({ err: error, topic: envelope.topic }, 'live update handler failed');
      }
    }
  }

  async publish(topic: string, data: Record<string, unknown>): Promise<void> {
    await this.db.run('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify({ from: this.instance, topic, data } satisfies Envelope)]);
  }

  subscribe(topic: string, handler: LiveHandler): () => void {
    const set = this.handlers.get(topic) ?? new Set<LiveHandler>();
    set.add(handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler);
  }

  onResync(handler: () => void): () => void {
    this.resync.add(handler);
    return () => this.resync.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
