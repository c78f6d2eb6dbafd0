import type { AppCore, BackgroundJob } from '../app';
import type { Logger } from '../log';
import { Repeating } from '../lifecycle/repeating';
import { SWEEP_LIMIT } from '../store/agent-thread-sql';
import type { AgentPlatform, AgentThreadStore } from '../store/agent-thread-store';

export type Tier2CatchUpOptions = {
  platform: AgentPlatform;
  threads: AgentThreadStore;
  /** The platform module's mirror of one ticket (it claims the thread, so a post is queued once across instances). */
  mirror: (ticketId: number) => Promise<void>;
  clock: () => Date;
  log: Logger;
  /** How often to look (default 5 s). */
  intervalMs?: number;
};

/** The first sweep of a holder looks this far back; a later one from the last sweep's end less OVERLAP_MS. */
const FIRST_LOOK_BACK_MS = 60 * 60_000;
/** An escalation's event time is set before its transaction commits: a later sweep overlaps the last by this much. */
const OVERLAP_MS = 60_000;
/** Escalations younger than this are left to the committing process's own mirror (a moment behind the commit). */
const GRACE_MS = 2_000;

/**
 * The tier-2 post of an escalation is queued by the committing process right after its commit; a process
 * killed in between leaves the ticket escalated with no card in the agents' channel, and nothing else would
 * post it until the ticket changes again. This sweep, run under a lease (one instance), finds such tickets
 * by their `escalated` event and mirrors them.
 */
export class Tier2CatchUp {
  /** Where the next sweep's window starts; null: a holder's first sweep (FIRST_LOOK_BACK_MS back). */
  private nextSince: Date | null = null;
  private readonly repeating: Repeating;

  constructor(private readonly o: Tier2CatchUpOptions) {
    this.repeating = new Repeating(() => this.sweep(this.o.clock()).then(() => undefined)
      .catch((error) => this.o.log.warn({ err: error, platform: this.o.platform }, 'tier-2 catch-up sweep failed')), o.intervalMs ?? 5_000);
  }

  /** Mirror escalations of the window that have no post yet; returns the tickets it mirrored. */
  async sweep(now: Date): Promise<number[]> {
    const before = new Date(now.getTime() - GRACE_MS);
    const since = this.nextSince ?? new Date(now.getTime() - FIRST_LOOK_BACK_MS);
    const ticketIds = await this.o.threads.escalatedWithoutThread(this.o.platform, since.toISOString(), before.toISOString());
    for (const ticketId of ticketIds) await this.o.mirror(ticketId);
    // A full page keeps the window where it was: the ones mirrored now have threads, the rest come next.
    this.nextSince = ticketIds.length < SWEEP_LIMIT ? new Date(before.getTime() - OVERLAP_MS) : since;
    if (ticketIds.length > 0) this.o.log.info({ platform: this.o.platform, tickets: ticketIds.length }, 'tier-2 posts of escalations a stopped process left unqueued, queued now');
    return ticketIds;
  }

  start(): void {
    // A new holder looks back the whole first window again: the last holder may have died mid-sweep.
    this.nextSince = null;
    this.repeating.start();
  }

  stop(): Promise<void> {
    return this.repeating.stop();
  }
}

/**
 * A platform extension's background job: the catch-up sweep under the lease `tier2-<platform>`, and `idle`
 * (the platform's mirror of commits seen so far) for a graceful stop.
 */
export function tier2CatchUpJob(core: AppCore, platform: AgentPlatform, mirror: (ticketId: number) => Promise<void>, idle: () => Promise<void>): BackgroundJob {
  const sweep = new Tier2CatchUp({ platform, threads: core.agentThreads, mirror, clock: core.clock, log: core.log.child({ module: 'tier2-catch-up' }) });
  const lease = core.leased(`tier2-${platform}`, sweep);
  return { start: () => lease.start(), stop: () => lease.stop(), idle };
}
