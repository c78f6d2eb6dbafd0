import { ChannelError, ChannelUnavailableError, RateLimitedError, errorCode } from '../errors';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { OutboxRow, Store } from '../store/store';
import type { ChannelAdapter } from '../types/channel';
import { isStorageFailure } from '../store/storage-health';

/** Retry policy and per-channel limits of the dispatcher. */
export type DispatcherOptions = {
  store: Store;
  channels: ReadonlyMap<string, Pick<ChannelAdapter, 'send' | 'recorded'>>;
  log: Logger;
  metrics: Metrics;
  clock: () => Date;
  maxAttempts: number;
  baseDelayMs: number;
  /** Resolves when HTTP requests have paused (see IngressGate): each batch of sends waits for it. */
  ingressQuiet?: () => Promise<void>;
  /** Sends in flight per channel (default 50): a slow platform holds only its own slots. */
  concurrencyPerChannel?: number;
  /** After this long a send stops holding its channel's slot (default 30 s); its row waits for it to settle. */
  sendTimeoutMs?: number;
  /** stop() and the drain after it wait at most this long for sends in flight (default 10 s). */
  stopTimeoutMs?: number;
  /** Retry delay while a channel is unreachable (default 2 s): mail goes out soon after it returns. */
  unavailableRetryMs?: number;
  /**
   * How long a claimed row is ours (default 5 min). With a store that renews claims (several instances on
   * PostgreSQL) it is renewed every third of it while the row's send is out, so it can be short: a dead
   * instance's rows are sent by another within about this long, and a slow send is never handed over.
   */
  claimLeaseMs?: number;
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
 * conversation (the oldest pending one), so rows are sent in parallel without reordering a conversation.
 * Each channel is a lane with its own slots and a send timeout, so a platform that hangs (an SMTP server
 * that went away) never holds up another channel. Rows survive restarts; a row is marked sent right after
 * its send succeeds, and a row whose send is still out is never handed to the channel a second time.
 */
export class Dispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  /** Resolvers of whoever waits for the next kick (the idle sleep, a drain waiting for a send). */
  private readonly waiters = new Set<() => void>();
  private kicked = false;
  /** Drains run one after another: two overlapping drains could both send a row before either marks it. */
  private chain: Promise<number> = Promise.resolve(0);
  /** Rows whose send has not settled yet, including sends past their timeout. */
  private readonly reserved = new Set<number>();
  /** Slots held per channel (a send past its timeout gives its slot back). */
  private readonly busy = new Map<string, number>();
  /** Set by stop(): after it, drains start nothing new and wait for sends only until then. */
  private deadline: number | null = null;
  /** Rows the platform accepted but the full disk would not let us mark sent: recorded first, never resent. */
  private readonly unrecorded = new Map<number, { row: OutboxRow; sentAt: string }>();
  private storageFailures = 0;
  /** Rows this dispatcher claimed whose channel was busy: started as soon as a slot frees. */
  private waiting: OutboxRow[] = [];
  private renewTimer: NodeJS.Timeout | null = null;
  /**
   * Several instances: before this time (epoch ms) rows another dispatcher claimed are not taken over, even
   * when their lease ran out. Set one lease ahead at start and whenever the database is reachable again after
   * this dispatcher was cut off from it: the owner may be alive and may have sent the row, but could not
   * renew its claim or record the send meanwhile; it gets one lease to do so. Only a dead owner's rows move on.
   */
  private takeOverFrom = 0;
  /** The database refused us since the last claim: the next successful one starts a new wait (takeOverFrom). */
  private cutOff = false;

  constructor(private readonly options: DispatcherOptions) {}

  /** Start the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.deadline = null;
    this.loop = this.run();
    if (this.options.store.renewOutboxClaims) {
      this.takeOverFrom = this.options.clock().getTime() + this.leaseMs();
      this.renewTimer = setInterval(() => void this.renewClaims(), this.leaseMs() / 3);
      this.renewTimer.unref();
    }
  }

  private leaseMs(): number {
    return this.options.claimLeaseMs ?? CLAIM_LEASE_MS;
  }

  /** Keep the claims of rows still in our hands: out for sending, waiting for a slot, or sent but not recorded. */
  private async renewClaims(): Promise<void> {
    const ids = [...this.reserved, ...this.waiting.map((row) => row.id), ...this.unrecorded.keys()];
    // A renewal that fails (database away) is not retried here: the next tick tries again, and if the
    // database stays away for a whole lease, another instance may send the row (the at-least-once window).
    await this.options.store.renewOutboxClaims?.(ids, this.options.clock().toISOString(), this.leaseMs())
      // The database answers again while the loop waits out its backoff: record our sends and go on now, not
      // up to 10 s later (the conversations of rows we hold wait for us).
      .then(() => ids.length > 0 && this.storageFailures > 0 && this.kick())
      .catch((err) => {
        this.cutOff = true;
        this.options.log.warn({ code: errorCode(err) }, 'could not renew outbox claims');
      });
  }

  /** Wake the loop: new rows were committed, or a send settled. */
  kick(): void {
    this.kicked = true;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiting) resolve();
  }

  /** Stop within stopTimeoutMs: sends still out then are left to settle; unsent rows stay for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.deadline ??= Date.now() + (this.options.stopTimeoutMs ?? 10_000);
    this.kick();
    await this.loop;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  /** Send everything due now and wait for those sends (terminal, tests, shutdown). Returns rows attempted. */
  drainDue(): Promise<number> {
    const next = this.chain.then(() => this.drainOnce());
    this.chain = next.catch(() => 0);
    return next;
  }

  private pastDeadline(): boolean {
    return this.deadline !== null && Date.now() >= this.deadline;
  }

  private async drainOnce(): Promise<number> {
    let attempted = 0;
    for (;;) {
      // After stop() a drain still sends what is due (shutdown empties the outbox), but only until the deadline.
      if (this.pastDeadline()) return attempted;
      await this.options.ingressQuiet?.();
      const started = await this.startDue();
      attempted += started;
      if (started === 0 && this.slotsInUse() === 0) return attempted;
      // Something is in flight or was just started: look again when any send settles or frees its slot.
      await this.nextEvent(started > 0 ? 0 : IDLE_POLL_MS);
    }
  }

  private slotsInUse(): number {
    let total = 0;
    for (const n of this.busy.values()) total += n;
    return total;
  }

  /** Start a send for every due row whose channel has a free slot; returns how many started. */
  private async startDue(): Promise<number> {
    const { store, clock } = this.options;
    for (const [id, { row, sentAt }] of this.unrecorded) {
      await store.markSent(id, sentAt);
      this.unrecorded.delete(id);
      this.recorded(row);
    }
    const now = clock();
    if (this.cutOff && store.renewOutboxClaims) {
      // Back after an outage: our own claims first (renewed now, not at the next tick); others' wait one lease.
      this.cutOff = false;
      this.takeOverFrom = now.getTime() + this.leaseMs();
      await this.renewClaims();
    }
    // Claimed with a lease in the same write: a second dispatcher on the database never gets the same row.
    // Rows claimed earlier whose channel had no free slot wait here: a claimed row is never returned again.
    const takeOver = now.getTime() >= this.takeOverFrom;
    const fresh = this.waiting.length < BATCH ? await store.claimDueOutbox(now.toISOString(), BATCH - this.waiting.length, this.leaseMs(), { takeOver }) : [];
    const rows = [...this.waiting, ...fresh];
    this.waiting = [];
    const limit = this.options.concurrencyPerChannel ?? BATCH;
    let started = 0;
    for (const row of rows) {
      if (this.reserved.has(row.id) || this.unrecorded.has(row.id)) continue;
      const lane = row.ref.channel;
      const inUse = this.busy.get(lane) ?? 0;
      if (inUse >= limit) {
        this.waiting.push(row);
        continue;
      }
      this.busy.set(lane, inUse + 1);
      this.reserved.add(row.id);
      started++;
      void this.deliver(row);
    }
    return started;
  }

  /** Resolves on the next kick (commit, settle, freed slot), after `pollMs`, or at the stop deadline. */
  private nextEvent(pollMs: number): Promise<void> {
    if (pollMs === 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise<void>((resolve) => {
      const wait = this.deadline === null ? pollMs : Math.max(0, Math.min(pollMs, this.deadline - Date.now()));
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      this.waiters.add(done);
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.kicked = false;
      try {
        await this.drainDue();
        this.options.metrics.outboxPending.set(await this.options.store.countOutbox('pending'));
        this.storageFailures = 0;
        // The idle wait asks the database too: inside the try, so a server that went away just now is waited
        // out like any other refusal (a rejection of this loop would go unhandled and end the process).
        if (this.running && !this.kicked) await this.sleepUntilDue();
      } catch (error) {
        if (isStorageFailure(error)) {
          this.cutOff = true;
          // Logged once by the store's health; here only wait, so a full disk is not hammered.
          await this.nextEvent(Math.min(STORAGE_RETRY_MS.max, STORAGE_RETRY_MS.base * 2 ** this.storageFailures++));
          continue;
        }
        this.options.log.error({ err: error, code: errorCode(error) }, 'outbox drain failed');
        if (this.running && !this.kicked) await this.nextEvent(IDLE_POLL_MS);
      }
    }
  }

  private async sleepUntilDue(): Promise<void> {
    const next = await this.options.store.nextOutboxDue();
    // A row whose send is past its timeout stays due but reserved: do not spin on it every 10 ms.
    // Nor on another dispatcher's lapsed claim that we may not take over yet (see takeOverFrom).
    const floor = this.reserved.size > 0 || this.options.clock().getTime() < this.takeOverFrom ? IDLE_POLL_MS / 4 : 10;
    const wait = next === null ? IDLE_POLL_MS : Math.max(floor, Date.parse(next) - this.options.clock().getTime());
    await this.nextEvent(Math.min(wait, IDLE_POLL_MS));
  }

  /** One send with its lane slot and timeout; the row stays reserved until the send itself settles. */
  private async deliver(row: OutboxRow): Promise<void> {
    const lane = row.ref.channel;
    let holdsSlot = true;
    const release = () => {
      if (!holdsSlot) return;
      holdsSlot = false;
      this.busy.set(lane, (this.busy.get(lane) ?? 1) - 1);
      this.kick();
    };
    const timeoutMs = this.options.sendTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      this.options.log.warn({ outboxId: row.id, channel: lane, timeoutMs }, 'send is taking too long: its channel moves on, the row waits for it');
      release();
    }, timeoutMs);
    try {
      await this.sendAndRecord(row);
    } finally {
      clearTimeout(timer);
      this.reserved.delete(row.id);
      release();
      this.kick();
    }
  }

  private async sendAndRecord(row: OutboxRow): Promise<void> {
    const { store, channels, clock, log, metrics } = this.options;
    const channel = channels.get(row.ref.channel);
    try {
      if (!channel) throw new ChannelError(`channel ${row.ref.channel} is not configured`, true);
      await channel.send(row.ref, row.message, row.id);
    } catch (error) {
      await this.recordFailure(row, error).catch((err) => log.error({ err, outboxId: row.id }, 'could not record a failed delivery'));
      // Held back by the channel's own pacing: expected under bursts, not a failure worth a warning each time.
      if (error instanceof RateLimitedError && error.heldBack) return log.debug({ outboxId: row.id, channel: row.ref.channel, retryAfterMs: error.retryAfterMs }, 'delivery paced');
      log.warn({ outboxId: row.id, channel: row.ref.channel, attempt: row.attempts + 1, code: errorCode(error), reason: (error as Error).message }, 'delivery failed');
      return;
    }
    const sentAt = clock().toISOString();
    try {
      await store.markSent(row.id, sentAt);
      metrics.outboxSent.inc({ channel: row.ref.channel });
      this.recorded(row);
    } catch (error) {
      // Sent but not recorded (disk full): the claim keeps others off the row; it is recorded before anything else is sent.
      if (isStorageFailure(error)) {
        this.cutOff = true;
        this.unrecorded.set(row.id, { row, sentAt });
        return;
      }
      log.error({ err: error, outboxId: row.id }, 'sent, but could not mark the row sent');
    }
  }

  /** Tell the row's channel that its send is on record (see ChannelAdapter.recorded); its failure is the channel's. */
  private recorded(row: OutboxRow): void {
    try {
      this.options.channels.get(row.ref.channel)?.recorded?.(row.ref, row.message, row.id);
    } catch (error) {
      this.options.log.error({ err: error, outboxId: row.id }, 'channel failed on a recorded send');
    }
  }

  private async recordFailure(row: OutboxRow, error: unknown): Promise<void> {
    const { store, clock, metrics, maxAttempts, baseDelayMs } = this.options;
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof ChannelError && error.permanent;
    const unavailable = error instanceof ChannelUnavailableError;
    const limited = error instanceof RateLimitedError;
    metrics.outboxFailures.inc({ channel: row.ref.channel, kind: permanent ? 'permanent' : unavailable ? 'unavailable' : limited ? 'rate_limited' : 'transient' });
    // An unreachable platform is not the message's fault: keep retrying, often, for as long as it takes.
    if (permanent || (!unavailable && !limited && row.attempts + 1 >= maxAttempts)) return store.markFailed(row.id, reason);
    // The platform named the time: never earlier (jitter only adds); a rate limit never fails the message.
    if (limited) {
      const wait = error.retryAfterMs * (1 + Math.random() * 0.1);
      return store.markRetry(row.id, reason, new Date(clock().getTime() + wait).toISOString(), { countAttempt: !error.heldBack });
    }
    // Exponential backoff with jitter, so a platform outage is not hammered in lockstep.
    const backoff = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.min(row.attempts, 30));
    const delay = (unavailable ? Math.min(backoff, this.options.unavailableRetryMs ?? 2000) : backoff) * (0.75 + Math.random() * 0.5);
    await store.markRetry(row.id, reason, new Date(clock().getTime() + delay).toISOString());
  }
}
