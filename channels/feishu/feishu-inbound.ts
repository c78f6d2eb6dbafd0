import { MAX_TEXT_LENGTH, type ConversationRef, type InboundMessage } from '../../src/types/conversation';

/** Keys of ConversationRef.extra the Feishu channel keeps. */
export const EXTRA = { chatType: 'chatType', replyTo: 'replyTo', replyAt: 'replyAt' } as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const ID = /^[\w-]{1,128}$/;

/** What an im.message.receive_v1 event is for us. */
export type MappedMessage =
  | { kind: 'message'; message: InboundMessage; chatId: string; rootId?: string }
  | { kind: 'drop'; reason: string };

/** Text of a `post` (rich text) message: its title and the text, link and mention runs of its paragraphs. */
function postText(content: Json): string {
  // Received events carry {title, content}; the send format nests it under a locale ({zh_cn: {title, content}}).
  const body = Array.isArray(content.content) ? content : Object.values(content).find((v) => isObject(v) && Array.isArray((v as Json).content)) as Json | undefined;
  if (!body || !Array.isArray(body.content)) return '';
  const lines = body.content.map((paragraph) => (Array.isArray(paragraph) ? paragraph : [])
    .map((run) => (isObject(run) ? str(run.text) ?? (run.tag === 'at' ? `@${str(run.user_name) ?? ''}` : '') : ''))
    .join(''));
  return [str(body.title), ...lines].filter((line) => line !== undefined && line !== '').join('\n');
}

/** The words of a text or post message, with the bot's @-mention removed and other mentions as @name. */
export function messageText(message: Json, botOpenId: string | undefined): string | null {
  let content: Json | null = null;
  try {
    const parsed: unknown = JSON.parse(String(message.content ?? ''));
    content = isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
  if (!content) return null;
  let text = message.message_type === 'text' ? str(content.text) ?? '' : message.message_type === 'post' ? postText(content) : null;
  if (text === null) return null;
  for (const mention of Array.isArray(message.mentions) ? message.mentions : []) {
    if (!isObject(mention) || !str(mention.key)) continue;
    const isBot = botOpenId !== undefined && isObject(mention.id) && mention.id.open_id === botOpenId;
    text = text.split(String(mention.key)).join(isBot ? '' : `@${str(mention.name) ?? ''}`);
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_LENGTH);
}

/** Whether the bot is among the message's mentions. */
export function mentionsBot(message: Json, botOpenId: string | undefined): boolean {
  if (!botOpenId || !Array.isArray(message.mentions)) return false;
  return message.mentions.some((m) => isObject(m) && isObject(m.id) && m.id.open_id === botOpenId);
}

/**
 * Map im.message.receive_v1. A p2p chat is one conversation; in a group only messages that @-mention the
 * bot count, and each thread (root message) is its own conversation. Replies go to the message (`replyTo`).
 */
export function mapMessageEvent(event: Json, botOpenId: string | undefined): MappedMessage {
  const sender = isObject(event.sender) ? event.sender : {};
  const message = isObject(event.message) ? event.message : null;
  if (sender.sender_type !== 'user') return { kind: 'drop', reason: 'not sent by a user' };
  const openId = isObject(sender.sender_id) ? str(sender.sender_id.open_id) : undefined;
  if (!message || !openId || !ID.test(openId)) return { kind: 'drop', reason: 'no sender open_id or message' };
  const messageId = str(message.message_id);
  const chatId = str(message.chat_id);
  const chatType = message.chat_type === 'p2p' ? 'p2p' : message.chat_type === 'group' ? 'group' : null;
  if (!messageId || !chatId || !chatType || !ID.test(messageId) || !ID.test(chatId)) return { kind: 'drop', reason: 'no message_id, chat_id or chat_type' };
  if (chatType === 'group' && !mentionsBot(message, botOpenId)) return { kind: 'drop', reason: 'group message without our @-mention' };
  const text = messageText(message, botOpenId);
  if (text === null) return { kind: 'drop', reason: `message type ${String(message.message_type)} not read` };
  if (text === '') return { kind: 'drop', reason: 'empty after the mention' };
  const rootId = str(message.root_id);
  const created = Number(message.create_time);
  const ref: ConversationRef = {
    channel: 'feishu', conversationId: chatId, userId: openId,
    ...(chatType === 'group' ? { threadId: rootId && ID.test(rootId) ? rootId : messageId } : {}),
    extra: { [EXTRA.chatType]: chatType, [EXTRA.replyTo]: messageId, ...(Number.isFinite(created) && created > 0 ? { [EXTRA.replyAt]: String(created) } : {}) },
  };
  const receivedAt = Number.isFinite(created) && created > 0 && created < 1e14 ? new Date(created).toISOString() : undefined;
  return { kind: 'message', message: { ref, platformMessageId: messageId, text, ...(receivedAt ? { receivedAt } : {}) }, chatId, rootId };
}

/** A card.action.trigger callback: who clicked, on which card in which chat, and the button's value. */
export type CardClick = { operator: string; messageId: string; chatId: string; value: Json; formValue: Json };

/** Read a card.action.trigger event, or null when it lacks what every click has. */
export function readCardClick(event: Json): CardClick | null {
  const operator = isObject(event.operator) ? str(event.operator.open_id) : undefined;
  const action = isObject(event.action) ? event.action : null;
  const context = isObject(event.context) ? event.context : {};
  const messageId = str(context.open_message_id);
  const chatId = str(context.open_chat_id);
  if (!operator || !action || !messageId || !chatId || ![operator, messageId, chatId].every((id) => ID.test(id))) return null;
  let value: unknown = action.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isObject(value)) return null;
  return { operator, messageId, chatId, value, formValue: isObject(action.form_value) ? action.form_value : {} };
}

/** A click on a choice button as the engine's inbound message: one answer per card (`card:<message id>`). */
export function mapChoiceClick(click: CardClick): InboundMessage | null {
  const { value } = click;
  if (value.fd !== 'c' || !str(value.v) || String(value.v).length > 2000) return null;
  const label = str(value.l) ?? String(value.v);
  const thread = str(value.th);
  const ref: ConversationRef = {
    channel: 'feishu', conversationId: click.chatId, userId: click.operator,
    ...(thread && ID.test(thread) ? { threadId: thread } : {}),
    extra: { [EXTRA.chatType]: thread ? 'group' : 'p2p', [EXTRA.replyTo]: click.messageId, [EXTRA.replyAt]: String(Date.now()) },
  };
  return { ref, platformMessageId: `card:${click.messageId}`, text: label.slice(0, 2000), action: { id: 'choice', value: String(value.v) } };
}
