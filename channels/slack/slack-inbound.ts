import { MAX_TEXT_LENGTH, type ConversationRef, type InboundMessage } from '../../src/types/conversation';
import { CHOICE_ACTION_PREFIX } from './slack-blocks';
import type { SlackFile } from './slack-files';

/** The fields of a Slack `message` / `app_mention` event we read. */
export type SlackMessageEvent = {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  parent_user_id?: string;
  team?: string;
  /** Files shared with the message (subtype `file_share`). */
  files?: SlackFile[];
};

/** The fields of a `block_actions` payload we read. */
export type SlackBlockActions = {
  type: 'block_actions';
  trigger_id?: string;
  user?: { id?: string; team_id?: string };
  team?: { id?: string } | null;
  channel?: { id?: string };
  container?: { type?: string; message_ts?: string; channel_id?: string; thread_ts?: string };
  message?: { ts?: string; thread_ts?: string };
  actions?: Array<{ action_id?: string; value?: string; text?: { text?: string }; action_ts?: string; selected_option?: { value?: string } }>;
};

/** Key in a DM's ref.extra: the thread of the DM the user last wrote in (replies go there). */
export const DM_THREAD = 'dmThread';

/** Where an inbound Slack message belongs, or why it is dropped. */
export type MappedEvent =
  | { kind: 'dm' | 'mention'; message: InboundMessage }
  /** A reply in a channel thread without a mention: ours only if the thread is a known conversation. */
  | { kind: 'thread_reply'; message: InboundMessage; parentUserId?: string }
  | { kind: 'unsupported'; reason: string };

// Subtypes that are a person saying something; edits, joins, deletions and the like are not.
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/** Map a `message` or `app_mention` event to an inbound message, or say why it is dropped. */
export function mapMessageEvent(event: SlackMessageEvent, botUserId: string | undefined): MappedEvent {
  if (event.bot_id || event.subtype === 'bot_message') return { kind: 'unsupported', reason: 'from a bot' };
  if (!USER_SUBTYPES.has(event.subtype)) return { kind: 'unsupported', reason: `message subtype ${event.subtype}` };
  const { channel, user, ts } = event;
  if (!channel || !user || !ts) return { kind: 'unsupported', reason: 'no channel, user or ts' };
  if (botUserId && user === botUserId) return { kind: 'unsupported', reason: 'from the app itself' };
  const text = toPlainText(event.text ?? '', botUserId);
  const base = { platformMessageId: `${channel}:${ts}`, text };
  const extra = event.team ? { team: event.team } : undefined;
  const isReply = Boolean(event.thread_ts && event.thread_ts !== ts);
  if (event.type === 'app_mention') {
    // A mention at top level starts a thread on that message; inside a thread it continues that thread.
    const ref: ConversationRef = { channel: 'slack', conversationId: channel, userId: user, threadId: event.thread_ts ?? ts, extra };
    return { kind: 'mention', message: { ...base, ref } };
  }
  if (event.type !== 'message') return { kind: 'unsupported', reason: `event type ${event.type}` };
  if (event.channel_type === 'im') {
    // A DM is one conversation, threads and all; a reply written in one of its threads is answered in that thread.
    const dmExtra = isReply ? { ...extra, [DM_THREAD]: event.thread_ts as string } : extra;
    return { kind: 'dm', message: { ...base, ref: { channel: 'slack', conversationId: channel, userId: user, extra: dmExtra } } };
  }
  // The app_mention event for the same message carries it; taking both would only produce a duplicate.
  if (botUserId && (event.text ?? '').includes(`<@${botUserId}>`)) return { kind: 'unsupported', reason: 'mention (handled as app_mention)' };
  if (!isReply) return { kind: 'unsupported', reason: 'channel message not addressed to the bot' };
  const ref: ConversationRef = { channel: 'slack', conversationId: channel, userId: user, threadId: event.thread_ts, extra };
  return { kind: 'thread_reply', message: { ...base, ref }, parentUserId: event.parent_user_id };
}

/** Map a click on one of our choice buttons to an inbound message answering the question. */
export function mapChoiceClick(body: SlackBlockActions): InboundMessage | null {
  const action = body.actions?.[0];
  const channel = body.channel?.id ?? body.container?.channel_id;
  const user = body.user?.id;
  const messageTs = body.container?.message_ts ?? body.message?.ts;
  if (!action?.action_id?.startsWith(CHOICE_ACTION_PREFIX) || !channel || !user || !messageTs) return null;
  const threadTs = body.container?.thread_ts ?? body.message?.thread_ts;
  // Direct-message channel ids start with D; there the conversation has no thread.
  const dm = channel.startsWith('D');
  const threadId = dm ? undefined : threadTs ?? messageTs;
  const team = body.user?.team_id ?? body.team?.id ?? undefined;
  const extra = { ...(team ? { team } : {}), ...(dm && threadTs ? { [DM_THREAD]: threadTs } : {}) };
  return {
    ref: { channel: 'slack', conversationId: channel, userId: user, threadId, extra: Object.keys(extra).length ? extra : undefined },
    // One answer per question message: a double click or a stale button answers nothing new.
    platformMessageId: `${channel}:${messageTs}:choice`,
    text: (action.text?.text ?? action.value ?? '').slice(0, MAX_TEXT_LENGTH),
    action: { id: action.action_id.slice(0, 200), value: (action.value ?? '').slice(0, 2000) },
  };
}

/**
 * Slack message markup to what the user meant: our own mention removed, other mentions and links
 * made readable, entities unescaped.
 */
export function toPlainText(text: string, botUserId?: string): string {
  const plain = text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => (id === botUserId ? '' : `@${name ?? id}`))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, (_m, name: string) => `#${name}`)
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, (_m, name: string) => `@${name}`)
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => (url.endsWith(label) ? label : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return plain.replace(/[ \t]{2,}/g, ' ').trim().slice(0, MAX_TEXT_LENGTH);
}
