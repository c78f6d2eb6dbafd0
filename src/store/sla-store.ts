import type { Ticket } from '../types/ticket';

/** The two SLA clocks of a ticket: first response and resolution. */
export type SlaTimerKind = 'response' | 'resolve';

/** Stored state of one clock; `warnedAt` / `breachedAt` are set once, so a restart does not repeat them. */
export type SlaTimer = {
  ticketId: number;
  kind: SlaTimerKind;
  /** Due time with the pauses added; null while the clock stands still. */
  dueAt: string | null;
  /** When the warning share of the target is used up, pauses added; null while the clock stands still. */
  warnAt: string | null;
  /** Fingerprint of the inputs `dueAt` and `warnAt` were computed from; recomputed only when it changes. */
  basis: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  metAt: string | null;
  /** How often the ticket's SLA inputs (status, priority, due times, first response, resolution) changed, counted by a trigger. */
  ticketChanges: number;
  /** `ticketChanges` as the monitor last examined the timer; a difference means the ticket needs a look. */
  seenChanges: number;
};

/** A stored pause of a ticket's clocks (status pending_user or resolved); `to` null while it lasts. */
export type SlaPauseRow = { id: number; ticketId: number; from: string; to: string | null };

/** A ticket whose clocks still run, with its timers. */
export type RunningTicket = { ticket: Ticket; timers: SlaTimer[] };

/** Changes to a timer's stored state. */
export type SlaTimerUpdate = Partial<Pick<SlaTimer, 'dueAt' | 'warnAt' | 'basis' | 'warnedAt' | 'breachedAt' | 'metAt' | 'seenChanges'>>;

/** Durable SLA timer state (tables of migration 3). Async like `Store`, so another database can implement it. */
export interface SlaStore {
  /** Create the missing timers of tickets that are not closed; returns how many were created. */
  ensureTimers(now: string): Promise<number>;
  /** Tickets not closed with a timer not breached yet (a met response timer excluded), oldest first, after id `afterId` (a page cursor). */
  runningTickets(limit: number, afterId?: number): Promise<RunningTicket[]>;
  /**
   * The tickets a tick at `now` must look at, by id after `afterId`: a timer not breached whose ticket changed since
   * the monitor last examined it (closed tickets too), or whose due time or (not warned yet) warning time has come,
   * the ticket's response or resolution not met. Served by indexes: a tick does not read the other running tickets.
   */
  ticketsToCheck(now: string, limit: number, afterId?: number): Promise<RunningTicket[]>;
  /** Pauses of the given tickets, oldest first. */
  pauses(ticketIds: number[]): Promise<Map<number, SlaPauseRow[]>>;
  /** Start a pause unless one is open already. */
  openPause(ticketId: number, from: string): Promise<void>;
  /** End the open pause of a ticket, if any. */
  closePause(ticketId: number, to: string): Promise<void>;
  updateTimer(ticketId: number, kind: SlaTimerKind, update: SlaTimerUpdate, now: string): Promise<void>;
  timers(ticketId: number): Promise<SlaTimer[]>;
}
