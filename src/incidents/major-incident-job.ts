import type { RestartableJob } from '../cluster/exclusive-job';
import type { Logger } from '../log';
import type { IncidentStore } from '../store/incident-store';
import { Category } from '../types/ticket';
import type { MajorIncidents } from './major-incidents';

/** What the leased detector needs. */
export type MajorIncidentJobOptions = {
  detector: MajorIncidents;
  incidents: IncidentStore;
  clock: () => Date;
  /** How far back reports count (MI_WINDOW_MINUTES): older tickets cannot start an incident any more. */
  windowMs: number;
  sweepMs?: number;
  log?: Logger;
};

/** The leased detector: `seen` records a ticket this instance already looked at when it was opened here. */
export type MajorIncidentJob = RestartableJob & { seen(ticketId: number): void };

/**
 * Major-incident detection for the 'incidents' cluster lease. Only the holder detects, so two instances can
 * never open two incidents for one outage. Tickets opened on other instances (or while no one held the
 * lease) are found by a sweep every `sweepMs` over the window's unlinked incident tickets; tickets opened on
 * the holder are looked at at once and marked seen. On taking the lease it also tells reporters a dead
 * holder linked but did not tell (catchUp).
 */
export function majorIncidentJob(o: MajorIncidentJobOptions): MajorIncidentJob {
  const seen = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> = Promise.resolve();

  const sweep = async () => {
    const now = o.clock();
    const since = new Date(now.getTime() - o.windowMs).toISOString();
    for (const [id, at] of seen) if (at < now.getTime() - o.windowMs) seen.delete(id);
    for (const category of Category.options) {
      const fresh = (await o.incidents.recentOpenIncidents(category, since)).filter((t) => t.majorIncidentId === null && !seen.has(t.id));
      for (const ticket of fresh.sort((a, b) => a.id - b.id)) {
        if (!timer) return;
        seen.set(ticket.id, Date.parse(ticket.createdAt));
        await o.detector.onTicketOpened(ticket, o.clock());
      }
    }
  };
  const run = () => {
    sweeping = sweeping.then(sweep).catch((error: unknown) => o.log?.error({ err: error }, 'major incident sweep failed; next sweep retries'));
  };

  return {
    seen: (ticketId) => void seen.set(ticketId, o.clock().getTime()),
    start() {
      timer = setInterval(run, o.sweepMs ?? 3000);
      timer.unref();
      void o.detector.catchUp(o.clock()).catch((error: unknown) => o.log?.error({ err: error }, 'major incident catch-up failed'));
      run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
      await o.detector.idle();
    },
  };
}
