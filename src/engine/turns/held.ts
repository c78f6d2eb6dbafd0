import type { InboundMessage } from '../../types/conversation';
import type { TurnContext, TurnDecision } from '../decide-turn';

/**
 * A held message (someone else's comment on the thread, an auto-reply, a suspected loop): recorded on
 * the conversation's ticket for agents, with no turn and no reply, so it cannot steer or answer anything.
 */
export function heldDecision(conversation: TurnContext['conversation'], message: InboundMessage): TurnDecision {
  const hold = message.hold!;
  const kind = hold.reason === 'third_party' ? 'third_party_comment' : 'held_without_reply';
  const data = { reason: hold.reason, from: hold.from, ...(hold.name ? { name: hold.name } : {}), text: message.text };
  return {
    mode: conversation.mode, lang: conversation.lang, state: conversation.state, tickets: [], outbound: [],
    events: conversation.ticketId === null ? [] : [{ ticketId: conversation.ticketId, actor: `${message.ref.channel}:${hold.from}`, kind, data }],
    outcome: `held_${hold.reason}`,
  };
}
