import { createAutoCloser, type AutoCloser } from '../../src/lifecycle/auto-close';
import type { AutoClosePolicy } from '../../src/lifecycle/close-plan';
import { resolve, takeOver } from '../../src/handoff/agent-actions';
import type { Agent } from '../../src/store/agent-store';
import type { TurnResult } from '../../src/store/store';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';

/** An admin agent (sees every group). */
export const ROOT: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };

/** Friday 6 March 2026, 16:00 UTC (the default calendar: UTC, Mon-Fri 09:00-18:00). */
export const FRIDAY_16H = new Date('2026-03-06T16:00:00Z');

/** An app with a settable clock, P2 assessments (first message escalates) and no dispatcher. */
export async function lifecycleApp() {
  const clock = { now: FRIDAY_16H };
  const t = await startTestApp({}, { clock: () => clock.now, turnDeps: fixedTurnDeps({ priority: 'P2', impact: 2, urgency: 1 }), dispatch: false });
  const committed: TurnResult[] = [];
  let n = 0;
  const say = (text: string, user = 'u1') =>
    t.app.engine.receive({ ref: { channel: 'webchat', conversationId: `c-${user}`, userId: user }, platformMessageId: `m${++n}`, text });
  const closer = (policy?: Partial<AutoClosePolicy>): AutoCloser =>
    createAutoCloser({ store: t.app.store, calendar: t.app.services.sla.calendar, clock: () => clock.now, onCommitted: (r) => committed.push(r), log: t.app.log, policy });
  /** Report a problem as `user`, have it taken over and resolved at `at`; returns the ticket. */
  async function resolvedTicket(at: Date, user = 'u1') {
    clock.now = new Date(at.getTime() - 3600_000);
    await say('My laptop does not start', user);
    const conversation = (await t.app.store.findConversation({ channel: 'webchat', conversationId: `c-${user}` }))!;
    const ticket = (await t.app.store.getTicket(conversation.ticketId!))!;
    await takeOver(t.app.store, ticket.number, ROOT, clock.now);
    clock.now = at;
    await resolve(t.app.store, ticket.number, ROOT, { resolution: 'Replaced the battery' }, at);
    return { ticket, conversationId: conversation.id };
  }
  /** Outbound messages of a conversation, in order. */
  const outbound = async (conversationId: number) =>
    (await t.app.store.transcript(conversationId)).filter((m) => m.direction === 'out').map((m) => m.payload as { kind: string; text: string; choices?: { value: string }[] });
  const kinds = async (ticketId: number) => (await t.app.store.ticketEvents(ticketId)).map((e) => e.kind);
  return { t, clock, say, closer, resolvedTicket, outbound, kinds, committed };
}

/** The instant `h` hours UTC on the given March 2026 day. */
export const march = (day: number, h: number, m = 0) => new Date(Date.UTC(2026, 2, day, h, m));
