import { ChannelError, errorCode } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { OutboxRow, Store } from '../store/store';
import type { ChannelAdapter } from '../types/channel';
import { isStorageFailure } from '../store/storage-health';

/** Retry policy of the dispatcher. */
export type DispatcherOptions = {
  store: Store;
  channels: ReadonlyMap<string, Pick<ChannelAdapter, 'send'>>;
  log: Logger;
  metrics: Metrics;
  clock: () => Date;
  maxAttempts: number;
  baseDelayMs: number;
  /** Resolves when HTTP requests have paused (see IngressGate): each batch of sends waits for it. */
  ingressQuiet?: () => Promise<void>;
};

const MAX_DELAY_MS = 10 * 60_000;
/**
 * Longest idle sleep. Commits in this process wake the loop at once; rows another process writes
 * (`frontdesk broadcast` or `broadcast resume` beside a running server) are found by this poll.
 */
const IDLE_POLL_MS = 1000;
const BATCH = 50;
/** How long a claimed row is ours: a send outliving it may be repeated by another dispatcher. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** Waits after the database refused a write (disk full): 0.5 s doubling up to 10 s, not a hot loop. */
const STORAGE_RETRY_MS = { base: 500, max: 10_000 };

/**
 * Drains the outbox through each channel's `send`. The store returns at most one due row per
 * conversation (the oldest pending one), so a batch is sent in parallel without reordering a
 * conversation. Rows survive restarts; a row is marked sent right after its send succeeds.
 */
export class Dispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private kicked = false;
  /** Drains run one after another: two overlapping drains could both send a row before either marks it. */
  private chain: Promise<number> = Promise.resolve(0);
  /** Rows the platform accepted but the full disk would not let us mark sent: recorded first, never resent. */
  private readonly unrecorded = new Map<number, string>();
  private storageFailures = 0;
  private storageError: unknown = null;

  constructor(private readonly options: DispatcherOptions) {}

  /** Start the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wake the loop: new rows were committed. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Stop after the batch in flight; unsent rows stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await this.loop;
  }

  /** Send everything due now (used by the terminal, tests and shutdown). Returns rows attempted. */
  drainDue(): Promise<number> {
    const next = this.chain.then(() => this.drainOnce());
    this.chain = next.catch(() => 0);
    return next;
  }

  private async drainOnce(): Promise<number> {
    let attempted = 0;
    for (const [id, sentAt] of this.unrecorded) {
      await this.options.store.markSent(id, sentAt);
      this.unrecorded.delete(id);
    }
    for (;;) {
      await this.options.ingressQuiet?.();
      const rows = await this.options.store.claimDueOutbox(this.options.clock().toISOString(), BATCH, CLAIM_LEASE_MS);
      if (rows.length === 0) return attempted;
      await Promise.all(rows.map((row) => this.deliver(row)));
      attempted += rows.length;
      if (this.unrecorded.size > 0) throw this.storageError ?? new Error('outbox rows sent but not recorded');
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      try {
        await this.drainDue();
        this.storageFailures = 0;
        this.options.metrics.outboxPending.set(await this.options.store.countOutbox('pending'));
      } catch (error) {
        if (isStorageFailure(error)) {
          // Logged once by the store's health; here only wait, so a full disk is not hammered.
          const delay = Math.min(STORAGE_RETRY_MS.max, STORAGE_RETRY_MS.base * 2 ** this.storageFailures++);
          await this.sleep(delay);
          continue;
        }
        this.options.log.error({ err: error, code: errorCode(error) }, 'outbox drain failed');
      }
      if (this.running && !this.kicked) await this.sleepUntilDue();
    }
  }

  private async sleepUntilDue(): Promise<void> {
    const next = await this.options.store.nextOutboxDue();
    const wait = next === null ? IDLE_POLL_MS : Math.max(10, Date.parse(next) - this.options.clock().getTime());
    await this.sleep(Math.min(wait, IDLE_POLL_MS));
  }

  /** Sleep `ms`, or less when kicked (new rows, stop). */
  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
    if (this.timer) clearTimeout(this.timer);
    this.wake = null;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { store, channels, clock, log, metrics } = this.options;
    const channel = channels.get(row.ref.channel);
    try {
      if (!channel) throw new ChannelError(`channel ${row.ref.channel} is not configured`, true);
      await channel.send(row.ref, row.message, row.id);
      metrics.outboxSent.inc({ channel: row.ref.channel });
    } catch (error) {
      await this.recordFailure(row, error);
      log.warn({ outboxId: row.id, channel: row.ref.channel, attempt: row.attempts + 1, code: errorCode(error), reason: (error as Error).message }, 'delivery failed');
      return;
    }
    const sentAt = clock().toISOString();
    try {
      await store.markSent(row.id, sentAt);
    } catch (error) {
      // Sent but not recorded: the claim keeps others off the row; it is recorded before anything else is sent.
      if (!isStorageFailure(error)) throw error;
      this.unrecorded.set(row.id, sentAt);
      this.storageError = error;
    }
  }

  private async recordFailure(row: OutboxRow, error: unknown): Promise<void> {
    const { store, clock, metrics, maxAttempts, baseDelayMs } = this.options;
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof ChannelError && error.permanent;
    metrics.outboxFailures.inc({ channel: row.ref.channel, kind: permanent ? 'permanent' : 'transient' });
    if (permanent || row.attempts + 1 >= maxAttempts) return store.markFailed(row.id, reason);
    // Exponential backoff with jitter, so a platform outage is not hammered in lockstep.
    const delay = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** row.attempts) * (0.75 + Math.random() * 0.5);
    await store.markRetry(row.id, reason, new Date(clock().getTime() + delay).toISOString());
  }
}
