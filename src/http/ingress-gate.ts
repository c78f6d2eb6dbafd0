import { performance } from 'node:perf_hooks';

/** Arrivals must pause this long before background work goes on. */
export const INGRESS_QUIET_MS = 2;
/** A burst holds background work back at most this long, counted from its first request. */
export const INGRESS_MAX_HOLD_MS = 100;

export type IngressGateOptions = { quietMs: number; maxHoldMs: number; now: () => number };

/**
 * Acknowledgements first, thinking later. Platforms want an answer within seconds (Slack retries after
 * 3 s), and on our one event loop each answer waits behind whatever work was queued before it. Turns,
 * profile lookups and outgoing sends have no such deadline, so they wait until requests stop arriving
 * for `quietMs`. A burst holds them back at most `maxHoldMs` from its first request: under sustained
 * traffic they interleave with requests as they would without the gate, so nothing starves.
 */
export class IngressGate {
  private burstStart = Number.NEGATIVE_INFINITY;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly options: IngressGateOptions;

  constructor(options: Partial<IngressGateOptions> = {}) {
    this.options = { quietMs: INGRESS_QUIET_MS, maxHoldMs: INGRESS_MAX_HOLD_MS, now: () => performance.now(), ...options };
  }

  /** The HTTP server calls this as each request arrives. */
  arrived(): void {
    const now = this.options.now();
    if (now - this.lastArrival >= this.options.quietMs) this.burstStart = now;
    this.lastArrival = now;
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
    const untilQuiet = this.lastArrival + this.options.quietMs - now;
    const untilHoldEnds = this.burstStart + this.options.maxHoldMs - now;
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
