import { performance } from 'node:perf_hooks';

/** After the last request was answered, this long without a new one before background work goes on. */
export const INGRESS_QUIET_MS = 2;
/** Requests arriving this long from a burst's first one are that burst's; later ones are traffic that goes on. */
export const INGRESS_MAX_HOLD_MS = 100;
/** However slowly a burst is answered, background work waits at most this long from its first request. */
export const INGRESS_MAX_BURST_HOLD_MS = 500;

export type IngressGateOptions = { quietMs: number; maxHoldMs: number; maxBurstHoldMs: number; now: () => number };

/**
 * Acknowledgements first, thinking later. Platforms want an answer within seconds (Slack retries after
 * 3 s), and on our one event loop each answer waits behind whatever work was queued before it. Turns,
 * profile lookups and outgoing sends have no such deadline, so they wait while a request is being
 * answered and until none has arrived for `quietMs`.
 *
 * A burst is the requests arriving within `maxHoldMs` of its first one. Work waits until every one of them is
 * answered (a burst of 200 webhooks on a loaded machine takes longer than `maxHoldMs` to answer, and turns run
 * between its last acks would push them past any deadline), but never longer than `maxBurstHoldMs` from the
 * first. Requests arriving after `maxHoldMs` do not hold work back: under sustained traffic, or behind a request
 * that never finishes, work and requests interleave as they would without the gate, so nothing starves.
 */
export class IngressGate {
  private burstStart = Number.NEGATIVE_INFINITY;
  private lastActivity = Number.NEGATIVE_INFINITY;
  private inFlight = 0;
  /** Requests of the current burst (arrived within maxHoldMs of its start) not answered yet. */
  private burstInFlight = 0;
  private waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly options: IngressGateOptions;

  constructor(options: Partial<IngressGateOptions> = {}) {
    this.options = {
      quietMs: INGRESS_QUIET_MS, maxHoldMs: INGRESS_MAX_HOLD_MS, maxBurstHoldMs: INGRESS_MAX_BURST_HOLD_MS, now: () => performance.now(), ...options,
    };
  }

  /** The HTTP server reports each request that brings something in; call the result once it is answered. */
  arrived(): () => void {
    const now = this.options.now();
    // A new burst starts only when nothing is in flight, so no request of the previous one is still counted.
    if (this.inFlight === 0 && now - this.lastActivity >= this.options.quietMs) this.burstStart = now;
    this.lastActivity = now;
    this.inFlight += 1;
    const ofBurst = now - this.burstStart < this.options.maxHoldMs;
    if (ofBurst) this.burstInFlight += 1;
    let answered = false;
    return () => {
      if (answered) return;
      answered = true;
      this.inFlight -= 1;
      if (ofBurst) this.burstInFlight -= 1;
      this.lastActivity = this.options.now();
    };
  }

  /** Resolves once requests have paused, or as soon as the current burst has had its share. */
  async quiet(): Promise<void> {
    // Requests waiting in the kernel are only seen once the event loop polls: after a long piece of work
    // (the first request after start compiles half the code) the rest of a burst has not arrived yet.
    await new Promise((resolve) => setImmediate(resolve));
    const wait = this.holdFor();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule(wait);
    });
  }

  /** Milliseconds background work should still wait; 0 or less when it may go. */
  private holdFor(): number {
    const now = this.options.now();
    const holdMs = this.burstInFlight > 0 ? this.options.maxBurstHoldMs : this.options.maxHoldMs;
    const untilHoldEnds = this.burstStart + holdMs - now;
    // While a request is being answered, look again in a millisecond.
    const untilQuiet = this.inFlight > 0 ? 1 : this.lastActivity + this.options.quietMs - now;
    return Math.min(untilQuiet, untilHoldEnds);
  }

  /** One timer for all waiters: a burst of fifty profile lookups must not start fifty timers. */
  private schedule(wait: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const again = this.holdFor();
      if (again > 0) return this.schedule(again);
      const released = this.waiting;
      this.waiting = [];
      for (const resolve of released) resolve();
    }, Math.ceil(wait));
  }
}
