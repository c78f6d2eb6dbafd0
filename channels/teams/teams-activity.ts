import { timeZoneField } from '../../src/types/time-zone';
import { createHash } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import { MAX_TEXT_LENGTH, type ConversationRef, type InboundMessage, type Lang, type UserProfile } from '../../src/types/conversation';

/** The id Frontdesk puts in every button's data (Action.Execute; Action.Submit on older cards), so a click is told apart from other values. */
export const SUBMIT_MARKER = 'fd_action';

/** The Teams tenant of an activity: `conversation.tenantId`, else `channelData.tenant.id`. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === 'string' ? data.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromData;
}

/** Personal chat, group chat or a team channel. */
export function conversationTypeOf(activity: Partial<Activity>): string {
  return activity.conversation?.conversationType ?? (activity.conversation?.isGroup ? 'groupChat' : 'personal');
}

/** The user's language from the Teams client locale (`zh-CN`, `en-US`), if it names one the bot speaks. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  const tag = locale.toLowerCase();
  if (tag.startsWith('zh')) return 'zh';
  if (tag.startsWith('en')) return 'en';
  return undefined;
}

/** Whether the bot itself is @mentioned in the activity. */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return TurnContext.getMentions(activity as Activity).some((m) => m.mentioned?.id === botId);
}

/**
 * The user's words: the bot's mention removed (botbuilder's removeRecipientMention), then any other
 * `<at>` tags reduced to the name and the few HTML entities Teams puts in plain text decoded.
 */
export function cleanText(activity: Partial<Activity>): string {
  const copy = { ...activity, text: activity.text ?? '' } as Activity;
  const text = activity.recipient ? TurnContext.removeRecipientMention(copy) ?? '' : copy.text;
  return text
    .replace(/<at>([^<]*)<\/at>/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
    .slice(0, MAX_TEXT_LENGTH);
}

/** The key of the card id (the outbox delivery that posted the card) in every submit's data. */
export const CARD_ID_KEY = 'fd_card';

type SubmitValue = { [SUBMIT_MARKER]?: unknown; value?: unknown; label?: unknown; labels?: unknown; fd_choice?: unknown; [CARD_ID_KEY]?: unknown };

/** A button's data (an Action.Execute invoke's `action.data`, or an older card's Action.Submit value) as the engine's action plus the label the user saw. */
export function submittedChoice(activity: Partial<Activity>): { action: { id: string; value: string }; label: string; cardId: string | null } | null {
  let raw = activity.value as SubmitValue | string | undefined;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as SubmitValue; // messageBack values may arrive serialised
    } catch {
      return null;
    }
  }
  if (!raw || typeof raw !== 'object' || raw[SUBMIT_MARKER] !== 'choice') return null;
  // A drop-down (Input.ChoiceSet `fd_choice`) is used for long lists; buttons carry their value directly.
  const value = typeof raw.fd_choice === 'string' && raw.fd_choice ? raw.fd_choice : raw.value;
  if (typeof value !== 'string' || value === '') return null;
  const labels = raw.labels && typeof raw.labels === 'object' ? (raw.labels as Record<string, unknown>) : {};
  const label = typeof labels[value] === 'string' ? (labels[value] as string) : typeof raw.label === 'string' ? raw.label : value;
  // Cards sent before card ids existed have none: their clicks are told apart by activity id only.
  const cardId = typeof raw[CARD_ID_KEY] === 'string' && /^\d{1,15}$/.test(raw[CARD_ID_KEY] as string) ? (raw[CARD_ID_KEY] as string) : null;
  return { action: { id: 'choice', value: value.slice(0, 2000) }, label: label.slice(0, 2000), cardId };
}

/** The engine's reference to this conversation; `extra` holds what continueConversationAsync needs later. */
export function refOf(activity: Partial<Activity>): ConversationRef {
  const from = activity.from;
  const conversation = activity.conversation;
  if (!from?.id || !conversation?.id || !activity.serviceUrl || !activity.recipient?.id) {
    throw new Error('Teams activity without from.id, conversation.id, recipient.id or serviceUrl');
  }
  const extra: Record<string, string> = {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId ?? 'msteams',
    botId: activity.recipient.id,
    botName: activity.recipient.name ?? '',
    userTeamsId: from.id,
    conversationType: conversationTypeOf(activity),
  };
  const tenant = tenantOf(activity);
  if (tenant) extra.tenantId = tenant;
  if (from.aadObjectId) extra.aadObjectId = from.aadObjectId;
  if (activity.locale) extra.locale = activity.locale;
  // `||`: an empty aadObjectId (seen when fuzzing) is no id; fall back to the Teams user id.
  return { channel: 'teams', conversationId: conversation.id, userId: from.aadObjectId || from.id, extra };
}

/** Rebuild the Bot Framework conversation reference from a stored ref (for proactive sends). */
export function referenceOf(ref: ConversationRef): Partial<ConversationReference> | null {
  const extra = ref.extra ?? {};
  if (!extra.serviceUrl || !extra.botId) return null;
  const isGroup = extra.conversationType !== undefined && extra.conversationType !== 'personal';
  return {
    channelId: extra.channelId || 'msteams',
    serviceUrl: extra.serviceUrl,
    locale: extra.locale,
    conversation: { id: ref.conversationId, isGroup, conversationType: extra.conversationType ?? 'personal', tenantId: extra.tenantId, name: '' },
    bot: { id: extra.botId, name: extra.botName ?? '' },
    user: { id: extra.userTeamsId ?? ref.userId, name: '', aadObjectId: extra.aadObjectId },
  };
}

/**
 * The dedupe key: Teams message ids are only unique inside a conversation (channel posts use
 * timestamps), so the conversation is part of the key; hashed when it would be too long to store.
 * A click on one of our cards is keyed by the card: one answer per card, however often it is clicked.
 */
export function platformMessageIdOf(activity: Partial<Activity>, cardId?: string | null): string {
  const id = cardId ? `card:${cardId}` : activity.id ?? '';
  const key = `${id}@${activity.conversation?.id ?? ''}`;
  return key.length <= 512 ? key : `${id.slice(0, 200)}@${createHash('sha256').update(key).digest('hex')}`;
}

/** Map a Teams message activity to the engine's inbound message; null when there is nothing to answer. */
export function inboundOf(activity: Partial<Activity>, profile: UserProfile): InboundMessage | null {
  if (!activity.id) return null;
  const choice = submittedChoice(activity);
  const text = choice ? choice.label : cleanText(activity);
  if (!choice && text === '') return null;
  return {
    ref: refOf(activity),
    platformMessageId: platformMessageIdOf(activity, choice?.cardId),
    text,
    action: choice?.action,
    // The Teams client sends its IANA zone on every message (localTimezone): due times are told in it.
    user: { ...profile, ...timeZoneField(activity.localTimezone) },
    receivedAt: parseTimestamp(activity.timestamp),
  };
}

function parseTimestamp(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
