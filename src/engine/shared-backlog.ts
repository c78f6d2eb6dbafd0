import { performance } from 'node:perf_hooks';
import { errorCode } from '../errors';
import type { Logger } from '../log';
import type { InboundBacklog, Store } from '../store/store';
import type { AdmitDecision } from './admission';

/** Read the shared backlog at most this often: a refusal costs no query, and a few reads a second are cheap. */
const REFRESH_MS = 200;
/** A reading older than this (idle, or the database away) says nothing about now: admission then uses the local queue. */
const STALE_MS = 2000;
/** The cluster's rate is averaged over about this much time in which the backlog never emptied. */
const RATE_WINDOW_MS = 3000;
/** Busy time needed before the measured rate is trusted. */
const MIN_BUSY_MS = 400;

type Reading = InboundBacklog & { at: number };

/**
 * Admission on several instances (PostgreSQL). Each instance's own queue is empty most of the time there:
 * every instance claims from one backlog in the database, oldest first, so a message one instance accepts
 * waits behind the messages all instances accepted. This reads that backlog (unanswered inbound messages)
 * every REFRESH_MS at most, in the background of requests, never once per request, and measures the
 * cluster's turn rate from successive readings (arrived + the drop in the backlog = turns served while the
 * backlog never emptied). A message that would wait past the budget is refused. There is no fair queue
 * across instances (claims go oldest first), so a user with nothing waiting gets no extra allowance.
 */
export class SharedBacklog {
  private last: Reading | null = null;
  private reading: Promise<void> | null = null;
  private lastStart = Number.NEGATIVE_INFINITY;
  private busyMs = 0;
  private served = 0;

  constructor(
    private readonly store: Required<Pick<Store, 'inboundBacklog'>>,
    private readonly maxWaitSeconds: number,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** One for a store that several instances share (PostgreSQL); null for one that one process owns (SQLite). */
  static of(store: Store, maxWaitSeconds: number, log: Logger): SharedBacklog | null {
    const read = store.inboundBacklog?.bind(store);
    return read ? new SharedBacklog({ inboundBacklog: read }, maxWaitSeconds, log) : null;
  }

  /**
   * Refusal when the shared backlog would keep a new message past the budget; null admits (or knows nothing
   * recent). `localTurnMs`: this instance's own time per turn, the rate assumed until the cluster's is measured.
   */
  refusal(localTurnMs: number): AdmitDecision | null {
    this.refreshIfDue();
    const wait = this.waitSeconds(localTurnMs);
    if (wait === null || wait <= this.maxWaitSeconds) return null;
    // Rounded to tenths first: a rate averaged in floating point must not turn 5 s into 6.
    const over = Math.ceil(Math.round((wait - this.maxWaitSeconds) * 10) / 10);
    return { ok: false, retryAfterSeconds: Math.min(60, Math.max(1, over)) };
  }

  /** Seconds a message accepted now would wait for its turn, from the last recent reading; null when none is recent. */
  waitSeconds(localTurnMs: number): number | null {
    if (!this.last || this.now() - this.last.at > STALE_MS) return null;
    if (this.last.waiting === 0) return 0;
    const perSecond = this.busyMs >= MIN_BUSY_MS ? (this.served * 1000) / this.busyMs : 1000 / Math.max(localTurnMs, 0.1);
    return perSecond > 0 ? this.last.waiting / perSecond : Number.POSITIVE_INFINITY;
  }

  /** Turns per second the cluster served while it had a backlog, once measured (null before). */
  get clusterRate(): number | null {
    return this.busyMs >= MIN_BUSY_MS ? (this.served * 1000) / this.busyMs : null;
  }

  /** Read the backlog now (tests; admission reads it by itself). */
  refresh(): Promise<void> {
    this.lastStart = this.now();
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private refreshIfDue(): void {
    if (this.reading || this.now() - this.lastStart < REFRESH_MS) return;
    void this.refresh();
  }

  private async read(): Promise<void> {
    const previous = this.last;
    try {
      const next = { ...(await this.store.inboundBacklog(previous?.newestId ?? null)), at: this.now() };
      this.measure(previous, next);
      this.last = next;
    } catch (error) {
      // The database away: admission falls back on the local queue once this reading is stale; turns report the outage.
      this.log.debug({ code: errorCode(error) }, 'could not read the shared turn backlog');
    }
  }

  private measure(previous: Reading | null, next: Reading): void {
    if (!previous) return;
    const elapsed = next.at - previous.at;
    // Only an interval in which the backlog never emptied measures the rate (an idle cluster is not a slow one),
    // and one across a long gap says little about it.
    if (previous.waiting === 0 || next.waiting === 0 || !(elapsed > 0) || elapsed > STALE_MS) return;
    // A row whose id was taken before the last reading but committed after it is missed as an arrival: the
    // rate is then underestimated, so a refusal comes a little early rather than late.
    const served = Math.max(0, previous.waiting + next.arrived - next.waiting);
    const keep = Math.max(0, 1 - elapsed / RATE_WINDOW_MS);
    this.busyMs = this.busyMs * keep + elapsed;
    this.served = this.served * keep + served;
  }
}
