import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Engine } from '../engine/engine';
import type { Logger } from '../log';
import type { SlaPauseRow, SlaStore, SlaTimer } from '../store/sla-store';
import type { Store, TurnResult } from '../store/store';
import { clockTimeBetween, computeDueTimes, renewedDueAt, shiftedDueAt, slaProgress, SlaConfig } from '../tickets/sla';
import type { Ticket, TicketStatus } from '../types/ticket';
import { ticketContext } from './escalation';
import { clockWords, slaSay } from './sla-messages';
import { formatTime } from '../tickets/business-calendar';
import { groupLabel } from '../handoff/group-label';
import type { Lang, OutboundMessage } from '../types/conversation';
import { commitOnTicket, hasEvent } from '../tickets/ticket-turn';

/** Settings of the monitor; every number has a default. */
export type SlaMonitorOptions = {
  store: Store;
  slaStore: SlaStore;
  sla?: SlaConfig;
  clock?: () => Date;
  /** Where committed changes are announced (console live updates, dispatcher wake-up). */
  engine?: Pick<Engine, 'events'>;
  log?: Logger;
  /** How often `start` ticks; default 30 s. */
  intervalMs?: number;
  /** Share of the target at which agents are warned; default 0.75. */
  warnAt?: number;
};

/** Ticket numbers the tick acted on. */
export type SlaTickReport = { warned: string[]; breached: string[]; escalated: string[] };

/** The clocks stand still while the desk waits for the user: a question pending, or "is it fixed?". */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending_user', 'resolved'];
const WITH_AGENTS: readonly TicketStatus[] = ['escalated', 'in_progress'];

const metAt = (ticket: Ticket, kind: SlaTimer['kind']) => (kind === 'response' ? ticket.firstResponseAt : ticket.resolvedAt);
const minIso = (a: string, b: string) => (a < b ? a : b);
const maxIso = (a: string, b: string) => (a > b ? a : b);
/** Longest stretch a tick holds the event loop before letting requests in (the store's calls are synchronous). */
const SLICE_MS = 10;
/** Tickets read per query of a tick. */
const PAGE = 200;

/**
 * Watches the response and resolution clocks of every ticket that is not closed: a `sla_warning` event at
 * 75% of the target, and at 100% a `sla_breached` event plus (unless tier-2 has it already) an escalation
 * with a note to the user. All state is in the database (timers, pauses, events), so a restarted monitor
 * picks up where the old one stopped; the event log with the conversation version makes each action
 * happen once even with two monitors on one database.
 */
export class SlaMonitor {
  private readonly sla: SlaConfig;
  private readonly clock: () => Date;
  private readonly warnAt: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** Whether a tick of this run examined every running ticket; later ticks read only the ones to check. */
  private examinedAll = false;

  constructor(private readonly options: SlaMonitorOptions) {
    this.sla = options.sla ?? SlaConfig.parse({});
    this.clock = options.clock ?? (() => new Date());
    this.warnAt = options.warnAt ?? 0.75;
    if (!(this.warnAt > 0 && this.warnAt < 1)) throw new Error(`SLA warnAt must be between 0 and 1 (got ${this.warnAt}), e.g. 0.75`);
  }

  /** Tick now and then every `intervalMs` (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    this.examinedAll = false;
    const run = () => void this.tick().catch((error) => this.options.log?.error({ err: error }, 'SLA tick failed'));
    this.timer = setInterval(run, this.options.intervalMs ?? 30_000);
    this.timer.unref();
    run();
  }

  /** Stop ticking and wait for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running.catch(() => undefined);
  }

  /**
   * Act on the clocks at `now`; ticks never overlap (a second call waits for the first). The first tick of a
   * monitor examines every running ticket (the SLA settings may have changed since the stored due times were
   * computed); later ones only the tickets with a timer to check: changed since examined, due, or to warn.
   */
  tick(now: Date = this.clock()): Promise<SlaTickReport> {
    const next = this.running.catch(() => undefined).then(() => this.runTick(now));
    this.running = next;
    return next;
  }

  private async runTick(now: Date): Promise<SlaTickReport> {
    const { slaStore, log } = this.options;
    const report: SlaTickReport = { warned: [], breached: [], escalated: [] };
    await slaStore.ensureTimers(now.toISOString());
    // Every running ticket (10,000 open tickets) takes a tick 0.25-0.5 s of CPU (seconds when many breach at once): so
    // after the first tick only the tickets to check, and pages of them, with a turn for other work whenever the tick
    // has held the event loop for SLICE_MS (done in one go, it froze every console page, chat and API call meanwhile).
    const all = !this.examinedAll;
    let sliceStart = Date.now();
    for (let afterId = 0; ;) {
      const page = all ? await slaStore.runningTickets(PAGE, afterId) : await slaStore.ticketsToCheck(now.toISOString(), PAGE, afterId);
      if (!page.length) break;
      afterId = page[page.length - 1].ticket.id;
      const pauses = await slaStore.pauses(page.map((r) => r.ticket.id));
      for (const { ticket, timers } of page) {
        if (Date.now() - sliceStart >= SLICE_MS) {
          await nextTurn();
          sliceStart = Date.now();
        }
        try {
          if (ticket.status === 'closed') {
            await this.stopClocks(ticket, timers, now);
            continue;
          }
          const list = await this.syncPause(ticket, pauses.get(ticket.id) ?? [], now);
          for (const timer of timers) await this.check(ticket, timer, list, now, report);
          await this.markSeen(ticket, timers, now);
        } catch (error) {
          // One broken ticket must not stop the clocks of the others (it stays to check: the next tick tries again).
          log?.warn({ err: error, ticket: ticket.number }, 'SLA check failed');
        }
      }
    }
    this.examinedAll = true;
    if (report.warned.length || report.breached.length) log?.info(report, 'SLA timers acted');
    return report;
  }

  /** The ticket changes these timers were examined at are recorded: they need no look until it changes again. */
  private async markSeen(ticket: Ticket, timers: SlaTimer[], now: Date): Promise<void> {
    for (const timer of timers) {
      if (timer.seenChanges !== timer.ticketChanges) await this.options.slaStore.updateTimer(ticket.id, timer.kind, { seenChanges: timer.ticketChanges }, now.toISOString());
    }
  }

  /** A closed ticket's clocks stand still for good: no due or warning time left to reach. */
  private async stopClocks(ticket: Ticket, timers: SlaTimer[], now: Date): Promise<void> {
    for (const timer of timers) {
      if (timer.breachedAt || (timer.dueAt === null && timer.warnAt === null && timer.seenChanges === timer.ticketChanges)) continue;
      await this.options.slaStore.updateTimer(ticket.id, timer.kind, { dueAt: null, warnAt: null, basis: null, seenChanges: timer.ticketChanges }, now.toISOString());
    }
  }

  /**
   * Record a pause start or end seen now. The ticket's updated_at is the best bound we have for when the
   * status changed (it is at or after the change), so a pause starts there and ends at min(now, updated_at).
   */
  private async syncPause(ticket: Ticket, list: SlaPauseRow[], now: Date): Promise<SlaPauseRow[]> {
    const open = list.find((p) => p.to === null);
    const paused = PAUSED_STATUSES.includes(ticket.status);
    const iso = now.toISOString();
    if (paused && !open) {
      const lastEnd = list.reduce((m, p) => maxIso(m, p.to ?? m), ticket.createdAt);
      const from = minIso(maxIso(ticket.updatedAt, lastEnd), iso);
      await this.options.slaStore.openPause(ticket.id, from);
      return [...list, { id: 0, ticketId: ticket.id, from, to: null }];
    }
    if (!paused && open) {
      const to = maxIso(open.from, minIso(iso, ticket.updatedAt));
      await this.options.slaStore.closePause(ticket.id, to);
      return list.map((p) => (p === open ? { ...p, to } : p));
    }
    return list;
  }

  /**
   * Compare `now` with the stored due and warning instants. Those are recomputed (business calendar
   * arithmetic, the costly part) only when their inputs change: priority, due time, calendar or pauses.
   */
  private async check(ticket: Ticket, timer: SlaTimer, pauses: SlaPauseRow[], now: Date, report: SlaTickReport): Promise<void> {
    const { slaStore } = this.options;
    if (timer.breachedAt) return;
    const iso = now.toISOString();
    const met = metAt(ticket, timer.kind);
    // A write that happens anyway records the ticket changes examined too (markSeen then has nothing left to write).
    const seen = () => {
      const seenChanges = timer.ticketChanges;
      timer.seenChanges = seenChanges;
      return { seenChanges };
    };
    if (met) {
      if (timer.metAt !== met) await slaStore.updateTimer(ticket.id, timer.kind, { metAt: met, ...seen() }, iso);
      return;
    }
    const { clock } = this.sla.policy[ticket.priority];
    const calendar = this.sla.calendar;
    const due = timer.kind === 'response' ? ticket.responseDueAt : ticket.resolveDueAt;
    const spans = pauses.map((p) => ({ from: p.from, to: p.to }));
    const basis = createHash('sha1').update(JSON.stringify([ticket.createdAt, due, clock, calendar, this.warnAt, spans])).digest('base64url').slice(0, 16);
    let { dueAt, warnAt } = timer;
    if (timer.basis !== basis || timer.metAt) {
      const budget = clockTimeBetween(ticket.createdAt, due, clock, calendar);
      dueAt = shiftedDueAt(ticket.createdAt, budget, spans, clock, calendar)?.toISOString() ?? null;
      warnAt = shiftedDueAt(ticket.createdAt, budget * this.warnAt, spans, clock, calendar)?.toISOString() ?? null;
      await slaStore.updateTimer(ticket.id, timer.kind, { dueAt, warnAt, basis, metAt: null, ...seen() }, iso);
    }
    const progress = () => slaProgress(now, ticket.createdAt, due, spans, clock, calendar);
    if (dueAt !== null && iso >= dueAt) {
      const escalated = await this.breach(ticket, timer.kind, dueAt, now);
      // Met in the meantime (an agent answered just now): the next tick records that instead.
      if (escalated === null) return;
      await slaStore.updateTimer(ticket.id, timer.kind, { breachedAt: iso, warnedAt: timer.warnedAt ?? iso }, iso);
      report.breached.push(ticket.number);
      if (escalated) report.escalated.push(ticket.number);
    } else if (warnAt !== null && iso >= warnAt && !timer.warnedAt) {
      if (!(await this.warn(ticket, timer.kind, dueAt ?? due, progress(), now))) return;
      await slaStore.updateTimer(ticket.id, timer.kind, { warnedAt: iso }, iso);
      report.warned.push(ticket.number);
    }
  }

  /** The agents' warning: an event on the ticket (the console shows it), once per clock. */
  private async warn(ticket: Ticket, kind: SlaTimer['kind'], dueAt: string, progress: number, now: Date): Promise<boolean> {
    let met = false;
    const result = await commitOnTicket(this.options.store, ticket.id, 'sla', now, (ctx) => {
      met = metAt(ctx.ticket, kind) !== null;
      if (met || hasEvent(ctx.events, 'sla_warning', { kind })) return null;
      return { events: [{ kind: 'sla_warning', data: { kind, dueAt, progress: Math.round(progress * 100) / 100 } }] };
    });
    this.announce(result);
    return !met;
  }

  /**
   * Breach: event, and unless tier-2 has the ticket already, escalation plus a note to the user. True if
   * escalated, false if not, null if the clock turned out met when re-read.
   */
  private async breach(ticket: Ticket, kind: SlaTimer['kind'], dueAt: string, now: Date): Promise<boolean | null> {
    const { store } = this.options;
    const user = await store.getUser(ticket.requesterId);
    const recent = await store.ticketsForUser(ticket.requesterId, 6);
    let escalated = false;
    let met = false;
    const result = await commitOnTicket(store, ticket.id, 'sla', now, ({ ticket: t, conversation, events }) => {
      escalated = false;
      met = metAt(t, kind) !== null;
      if (met || hasEvent(events, 'sla_breached', { kind })) return null;
      const breached = { kind: 'sla_breached', data: { kind, dueAt } };
      if (t.status === 'closed' || t.status === 'resolved') return { events: [breached] };
      // With tier-2 already: still tell the person the truth (P1-P3): missed, who owns it, when now.
      if (WITH_AGENTS.includes(t.status)) return { events: [breached], outbound: this.breachNotice(t, kind, dueAt, conversation.lang, user?.timeZone, now, false) };
      escalated = true;
      return {
        fields: { status: 'escalated', escalatedAt: now.toISOString() },
        events: [breached, { kind: 'escalated', data: ticketContext(t, conversation, user, recent, 'sla_breach') }],
        outbound: this.breachNotice(t, kind, dueAt, conversation.lang, user?.timeZone, now, true),
        // The bot then answers follow-ups with "a specialist will reply here" instead of "added to the ticket".
        phase: conversation.state.phase === 'ticket_open' ? 'escalated' : undefined,
      };
    });
    this.announce(result);
    return met ? null : escalated && result !== null;
  }

  /**
   * What the requester hears when a clock is missed: sorry, the owner and the new expected time (the same
   * time a later "status" names). Always when the miss escalated the ticket; with tier-2 already, for P1-P3.
   */
  private breachNotice(ticket: Ticket, kind: SlaTimer['kind'], missedAt: string, lang: Lang, timeZone: string | undefined, now: Date, escalated: boolean): OutboundMessage[] {
    if (!escalated && !['P1', 'P2', 'P3'].includes(ticket.priority)) return [];
    const renewed = renewedDueAt(missedAt, kind, now, (from) => computeDueTimes(ticket.priority, from, this.sla));
    const dueAt = formatTime(renewed, timeZone ?? this.sla.calendar.timeZone, lang);
    const owner = ticket.agentId ?? groupLabel(ticket.group ?? 'service-desk', lang);
    return [{ kind: 'text', text: slaSay(lang, 'breachTold', { ticket: ticket.number, owner, dueAt, ...clockWords(kind, lang) }) }];
  }

  private announce(result: TurnResult | null): void {
    if (result) this.options.engine?.events.emit('committed', result);
  }
}
