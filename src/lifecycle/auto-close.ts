import { Repeating } from './repeating';
import { ConflictError } from '../errors';
import { readState } from '../engine/state';
import { agentSay } from '../handoff/agent-messages';
import type { Logger } from '../log';
import type { Conversation, Store, TurnCommit, TurnResult } from '../store/store';
import type { BusinessCalendar } from '../tickets/business-calendar';
import { formatTime } from '../tickets/business-calendar';
import type { OutboundMessage } from '../types/conversation';
import type { Ticket } from '../types/ticket';
import { DEFAULT_AUTO_CLOSE, planFor, REMINDER_EVENT, type AutoClosePolicy, type ClosePlan } from './close-plan';
import { lifecycleSay } from './lifecycle-messages';
import { sqliteResolvedTickets, type ResolvedTicketsQuery } from './resolved-tickets';

/** What the timer needs; `onCommitted` is `(r) => engine.events.emit('committed', r)` (wakes the dispatcher). */
export type AutoCloseOptions = {
  store: Store;
  calendar: BusinessCalendar;
  clock: () => Date;
  onCommitted: (result: TurnResult) => void;
  log: Logger;
  policy?: Partial<AutoClosePolicy>;
  /** How often `start()` ticks; default every 10 minutes (the reminders are days apart). */
  intervalMs?: number;
  resolvedTickets?: ResolvedTicketsQuery;
};

/** What one tick did, by ticket number. */
export type TickReport = { reminded: string[]; closed: string[] };

const MAX_CONFLICT_RETRIES = 3;

/**
 * Resolved tickets whose requester never answered "Is it fixed?": reminders, then closing after N
 * business days (no CSAT: a rating is only asked after a confirmed fix). All state lives in the ticket
 * events, written with the reminder in one commit, so a restart or a second instance never repeats one.
 */
export class AutoCloser {
  private readonly policy: AutoClosePolicy;
  private readonly resolvedTickets: ResolvedTicketsQuery;
  private readonly repeating: Repeating;

  constructor(private readonly o: AutoCloseOptions) {
    this.policy = { ...DEFAULT_AUTO_CLOSE, ...o.policy };
    if (!(this.policy.closeAfterDays > 0) || this.policy.remindAfterDays.some((d) => !(d > 0 && d < this.policy.closeAfterDays))) {
      throw new Error('auto-close: reminders must come after 0 and before closeAfterDays business days; check the policy');
    }
    this.resolvedTickets = o.resolvedTickets ?? sqliteResolvedTickets(o.store);
    this.repeating = new Repeating(() => this.tick(this.o.clock())
      .then((r) => void ((r.reminded.length || r.closed.length) && this.o.log.info(r, 'auto-close tick')))
      .catch((error) => this.o.log.error({ err: error }, 'auto-close tick failed')), o.intervalMs ?? 10 * 60_000);
  }

  /** Send the reminders and close the tickets that are due at `now`. */
  async tick(now: Date): Promise<TickReport> {
    const report: TickReport = { reminded: [], closed: [] };
    for (const id of await this.resolvedTickets()) {
      try {
        const done = await this.handle(id, now);
        if (done) report[done.kind === 'close' ? 'closed' : 'reminded'].push(done.number);
      } catch (error) {
        // One broken ticket must not stop the others; it is tried again on the next tick.
        this.o.log.error({ err: error, ticketId: id }, 'auto-close failed for a ticket');
      }
    }
    return report;
  }

  /** Tick every `intervalMs` on the injected clock until `stop()`. */
  start(): void {
    this.repeating.start();
  }

  /** Stop ticking and wait for a tick in progress (call before the store closes). */
  stop(): Promise<void> {
    return this.repeating.stop();
  }

  private async handle(ticketId: number, now: Date): Promise<{ kind: 'remind' | 'close'; number: string } | null> {
    const { store } = this.o;
    for (let attempt = 0; ; attempt++) {
      const ticket = await store.getTicket(ticketId);
      if (!ticket) return null;
      const plan = planFor(ticket, await store.ticketEvents(ticketId), now, this.policy, this.o.calendar);
      const conversation = plan && (await store.getConversation(ticket.conversationId));
      if (!plan || !conversation) return null;
      const timeZone = plan.kind === 'remind' ? (await store.getUser(ticket.requesterId))?.timeZone : undefined;
      const commit = this.commitFor(plan, ticket, conversation, now, timeZone ?? this.o.calendar.timeZone);
      if (!commit) return null;
      try {
        this.o.onCommitted(await store.commitTurn(commit));
        return { kind: plan.kind, number: ticket.number };
      } catch (error) {
        // The user answered (or another instance acted) in between: decide again on fresh data.
        if (!(error instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  /** The reminder or the close; `timeZone` (the requester's, else the desk's) is the one the closing time is told in. */
  private commitFor(plan: NonNullable<ClosePlan>, ticket: Ticket, conversation: Conversation, now: Date, timeZone: string): TurnCommit | null {
    const state = readState(conversation.state);
    const waiting = conversation.ticketId === ticket.id && state.phase === 'awaiting_confirmation';
    const lang = conversation.lang;
    const base = { conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang, state: conversation.state, now: now.toISOString() };
    if (plan.kind === 'remind') {
      // A ticket whose user was never asked (not the conversation's current one) gets no reminder, only the close.
      if (!waiting) return null;
      const question: OutboundMessage = {
        kind: 'choice',
        text: lifecycleSay(lang, 'reminder', { ticket: ticket.number, closesAt: formatTime(plan.closesAt.toISOString(), timeZone, lang) }),
        choices: [{ value: 'yes', label: agentSay(lang, 'yes') }, { value: 'no', label: agentSay(lang, 'no') }],
      };
      return { ...base, tickets: [], outbound: [question], events: [{ ticketId: ticket.id, actor: 'system', kind: REMINDER_EVENT, data: { n: plan.n, closesAt: plan.closesAt.toISOString() } }] };
    }
    return {
      ...base,
      // The question is void now: the next message is a new problem, not a yes/no (and no CSAT is asked).
      state: waiting ? { ...conversation.state, phase: 'awaiting_description' } : conversation.state,
      tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'closed', closedAt: now.toISOString() } }],
      events: [{ ticketId: ticket.id, actor: 'system', kind: 'auto_closed', data: { afterBusinessDays: this.policy.closeAfterDays } }],
      outbound: [{ kind: 'text', text: lifecycleSay(lang, 'autoClosed', { ticket: ticket.number }) }],
    };
  }
}

/** Create the timer; `start()` it with the app and `await stop()` before the store closes. */
export function createAutoCloser(options: AutoCloseOptions): AutoCloser {
  return new AutoCloser(options);
}
