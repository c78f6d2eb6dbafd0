import type { Store, TurnResult } from '../../src/store/store';
import type { TicketDraft } from '../../src/types/ticket';
import { draft, inbound } from './store-contract';

export const NOW = '2026-03-02T09:00:00.000Z';

/** An ISO time `minutes` after NOW. */
export const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

/** A message from user `u<n>` in conversation `c<n>` answered by a turn that opens a ticket. */
export async function openTicketOn(store: Store, n: number, patch: Partial<TicketDraft> = {}, now = NOW): Promise<TurnResult> {
  const accepted = await store.acceptInbound(inbound(`m${n}`, 'broken', `c${n}`, `u${n}`), now);
  const conversation = (await store.getConversation(accepted.conversationId))!;
  return store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId,
    mode: 'bot', lang: 'en', state: {}, tickets: [{ kind: 'open', draft: { ...draft(), ...patch } }],
    events: [], outbound: [{ kind: 'text', text: 'Logged as {ticket}.' }], now,
  });
}

/** Update a ticket through a turn on its conversation, as the engine does. */
export async function updateTicket(store: Store, result: TurnResult, fields: Extract<Parameters<Store['commitTurn']>[0]['tickets'][number], { kind: 'update' }>['fields'], now = NOW): Promise<TurnResult> {
  const conversation = (await store.getConversation(result.conversation.id))!;
  return store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, mode: 'bot', lang: 'en', state: {},
    tickets: [{ kind: 'update', ticketId: result.openedTicket!.id, fields }], events: [], outbound: [], now,
  });
}
