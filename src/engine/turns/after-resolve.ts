import { parseYesNo } from '../../dialog/slot-types';
import type { Ticket } from '../../types/ticket';
import { say } from '../messages';
import { textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';

/**
 * "Is it fixed?" after an agent resolved the ticket: yes closes it and asks for a rating; no, or any
 * other report, reopens it to the same agent (who owns the conversation again) or group.
 */
export function confirmationTurn(ctx: TurnContext, draft: Draft, ticket: Ticket, deps: TurnDeps): TurnDecision {
  const answer = ctx.message.action?.value ?? parseYesNo(ctx.message.text);
  const now = deps.now.toISOString();
  const actor = `user:${ctx.user.id}`;
  if (answer === 'yes') {
    return {
      ...draft,
      state: { ...draft.state, phase: 'awaiting_csat' },
      outcome: 'confirmed',
      tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'closed', closedAt: now } }],
      events: [{ ticketId: ticket.id, actor, kind: 'closed', data: { by: 'requester' } }],
      outbound: [{
        kind: 'choice',
        text: say(draft.lang, 'askCsat', { ticket: ticket.number }),
        choices: [...['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })), { value: 'skip', label: say(draft.lang, 'csatSkip') }],
      }],
    };
  }
  return {
    ...draft,
    mode: ticket.agentId ? 'agent' : draft.mode,
    state: { ...draft.state, phase: 'escalated' },
    outcome: 'reopened',
    tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'reopened', resolvedAt: null } }],
    events: [{ ticketId: ticket.id, actor, kind: 'reopened', data: { text: ctx.message.text } }],
    outbound: [textMessage(say(draft.lang, 'reopened', { ticket: ticket.number }))],
  };
}

/** The 1-5 rating (with an optional comment after the number); "skip" or a new problem moves on. */
export function csatTurn(ctx: TurnContext, draft: Draft, ticket: Ticket): TurnDecision | null {
  const text = ctx.message.action?.value ?? ctx.message.text.trim();
  const rating = /^([1-5])(?:\s*(?:\/\s*5|stars?|分|星))?(?:[\s,.:;，。：-]+(.*))?$/s.exec(text);
  const next: Draft = { ...draft, state: { ...draft.state, phase: 'awaiting_description' } };
  if (rating) {
    const score = Number(rating[1]);
    return {
      ...next,
      outcome: 'csat',
      tickets: [{ kind: 'update', ticketId: ticket.id, fields: { csat: score } }],
      events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'csat', data: { score, comment: rating[2]?.trim() || null } }],
      outbound: [textMessage(say(draft.lang, 'csatThanks'))],
    };
  }
  if (/^(skip|跳过|no thanks|不用了)$/i.test(text)) {
    return { ...next, outcome: 'csat_skipped', tickets: [], events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'csat_skipped', data: {} }], outbound: [] };
  }
  return null;
}

