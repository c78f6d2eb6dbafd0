import { performance } from 'node:perf_hooks';
import type { Logger } from '../log';

/** At most one log line per this many milliseconds while load is being shed. */
const REPORT_EVERY_MS = 10_000;

/**
 * Log lines about load shedding: one when it starts, then a count at most every 10 s while it goes on.
 * Under overload most requests are refused; a line for each would cost more than the refusal itself and
 * flood the log (the shed counter in /metrics has every one).
 */
export class ShedLog {
  private refused = 0;
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(private readonly log: Logger, private readonly now: () => number = () => performance.now()) {}

  /** A message was refused with 503; `queueSeconds` is the estimated wait that refused it. */
  refusedOne(queueSeconds: number): void {
    this.refused += 1;
    const now = this.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    const first = this.lastReport === Number.NEGATIVE_INFINITY || now - this.lastReport > 2 * REPORT_EVERY_MS;
    this.log.warn({ refused: this.refused, queue_seconds: Math.round(queueSeconds * 10) / 10 }, first ? 'shedding load: the turn queue is over its wait budget' : 'still shedding load');
    this.refused = 0;
    this.lastReport = now;
  }
}
