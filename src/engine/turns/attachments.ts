import type { OutboundFile, OutboundMessage } from '../../types/conversation';
import { say } from '../messages';
import { reply, textMessage, type Draft, type TurnContext, type TurnDecision } from '../turn-types';

const isImage = (file: OutboundFile) => (file.type ?? '').startsWith('image/');

/** The sentence that says the files arrived: a screenshot when every file is a picture. */
function received(draft: Pick<Draft, 'lang'>, files: OutboundFile[]): string {
  const names = files.map((f) => f.name).join(draft.lang === 'zh' ? '、' : ', ');
  return say(draft.lang, files.every(isImage) ? 'screenshotReceived' : 'fileReceived', { names });
}

/**
 * A file sent without a word, where no ticket would take it as a comment: it is kept with the conversation
 * (the transcript, which the ticket's agents read) and the bot asks for the words it still needs; a file
 * alone never answers a question or opens a ticket. Null when the ordinary turn handles it (an open ticket
 * adds it as a comment, an agent's conversation relays it).
 */
export function fileAloneTurn(ctx: TurnContext, draft: Draft): TurnDecision | null {
  const files = ctx.message.files ?? [];
  if (!files.length || ctx.message.text.trim() !== '' || ctx.message.action) return null;
  const { phase } = draft.state;
  if (ctx.currentTicket && (ctx.conversation.mode === 'agent' || phase === 'ticket_open' || phase === 'escalated')) return null;
  const opener = phase === 'new' || phase === 'awaiting_description' || phase === 'clarify';
  const state = opener ? { ...draft.state, phase: phase === 'new' ? ('awaiting_description' as const) : phase, greeted: true } : draft.state;
  const next = say(draft.lang, opener ? 'fileAloneDescribe' : 'fileAloneAnswer');
  return reply({ ...draft, state }, 'file_received', [textMessage(`${received(draft, files)} ${next}`)]);
}

/**
 * A turn on a message with files: the user's comment on the ticket's audit trail names them, and the reply
 * (when there is one) starts by saying they arrived.
 */
export function withAttachments(ctx: TurnContext, decision: TurnDecision): TurnDecision {
  const files = ctx.message.files ?? [];
  if (!files.length || decision.outcome === 'file_received') return decision;
  const listed = files.map(({ name, size, type }) => ({ name, size, type }));
  const events = decision.events.map((e) => (e.kind === 'user_comment' || e.kind === 'user_message' ? { ...e, data: { ...e.data, files: listed } } : e));
  const [first, ...rest] = decision.outbound;
  const outbound: OutboundMessage[] = first ? [{ ...first, text: `${received(decision, files)}\n\n${first.text}` }, ...rest] : [];
  return { ...decision, events, outbound };
}
