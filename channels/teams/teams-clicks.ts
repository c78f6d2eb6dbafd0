import type { Activity, Attachment, TurnContext } from 'botbuilder';
import { foreignClick, onlyRequesterText } from '../../src/engine/click-guard';
import type { ChannelContext } from '../../src/types/channel';
import type { ConversationRef, Lang, OutboundMessage } from '../../src/types/conversation';
import { detectLang } from '../../src/lang';
import { isApprovalClick } from '../../src/requests/approval-click';
import { adaptiveCardOf } from './teams-render';

type CardMessage = Extract<OutboundMessage, { kind: 'choice' | 'card' }>;

/** What a card submit may do: answer its question, or nothing (someone else's card, or a card no longer current). */
export type ClickVerdict =
  | { kind: 'answer'; card: CardMessage | null }
  | { kind: 'foreign'; text: string; requesterName?: string }
  | { kind: 'stale'; card: CardMessage | null };

const CLOSED: Record<Lang, string> = { en: 'This question is closed.', zh: '此问题已结束。' };

const isCard = (payload: unknown): payload is CardMessage => {
  const kind = (payload as { kind?: unknown } | null)?.kind;
  return (kind === 'choice' || kind === 'card') && Array.isArray((payload as { choices?: unknown }).choices) && (payload as CardMessage).choices.length > 0;
};

const isApprovalCard = (card: CardMessage): boolean => card.choices.every((c) => isApprovalClick(c.value));

/**
 * Decide a card submit before the engine sees it. In a group chat or channel only the conversation's
 * requester may answer. A card id names the delivery that posted the card: only the conversation's latest
 * card with buttons, not yet answered by typing, is current, so a click on an older one (after the conversation
 * moved on or closed) does nothing.
 */
export async function judgeClick(ctx: ChannelContext, ref: ConversationRef, cardId: string | null, personal: boolean): Promise<ClickVerdict> {
  if (!personal) {
    const requester = await foreignClick(ctx.lookup, ref);
    if (requester) return { kind: 'foreign', text: onlyRequesterText(requester), requesterName: requester.name };
  }
  if (cardId === null) return { kind: 'answer', card: null };
  const transcript = await ctx.transcript(ref);
  const cards = transcript.filter((m) => m.direction === 'out' && m.outboxId !== null && isCard(m.payload));
  const clicked = cards.find((m) => String(m.outboxId) === cardId);
  const card = clicked ? (clicked.payload as CardMessage) : null;
  // A card id this conversation never sent (its history erased, or a card from elsewhere) answers nothing.
  if (!clicked) return { kind: 'stale', card: null };
  // An approval card is decided by its approval row, not by what the chat asked since; nor does it pass a question.
  if (card && isApprovalCard(card)) return { kind: 'answer', card };
  // Delivery ids only grow: a later card with buttons means this one's question was answered or passed.
  const newer = cards.some((m) => (m.outboxId as number) > Number(cardId) && !isApprovalCard(m.payload as CardMessage));
  // A typed message after the card answered (or passed) its question too; a click after it is this card's own repeat.
  const typedSince = transcript.some((m) => m.direction === 'in' && m.id > clicked.id && !(m.payload as { action?: unknown } | null)?.action);
  return newer || typedSince ? { kind: 'stale', card } : { kind: 'answer', card };
}

/** The card in its answered form (`✓ line`), or closed when `line` is null: no buttons, so it cannot act again. */
export function finishedCard(card: CardMessage, line: string | null): Attachment {
  return adaptiveCardOf(card, undefined, line === null ? CLOSED[detectLang(card.text)] : `✓ ${line}`);
}

/** "This question is closed." in the card's language, for a click whose card is not known any more. */
export function closedText(lang: Lang): string {
  return CLOSED[lang];
}

/** Replace the clicked card with its answered (or closed) form, without buttons, so it cannot act again. */
export async function disableCard(turn: TurnContext, card: CardMessage | null, line: string | null): Promise<void> {
  const activityId = turn.activity.replyToId;
  if (!activityId || !card) return;
  await turn.updateActivity({ type: 'message', id: activityId, attachments: [finishedCard(card, line)] } as Partial<Activity>);
}

/** Tell the clicker in the thread, by mention, that only the requester can answer (Action.Submit has no private reply). */
export async function answerForeignClick(turn: TurnContext, text: string): Promise<void> {
  const from = turn.activity.from;
  const name = from?.name || 'you';
  const tag = `<at>${name.replace(/[<>&]/g, '')}</at>`;
  await turn.sendActivity({
    type: 'message', text: `${tag} ${text}`,
    entities: [{ type: 'mention', text: tag, mentioned: { id: from?.id ?? '', name } }],
  } as Partial<Activity>);
}
