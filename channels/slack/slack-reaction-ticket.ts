import type { WebClient } from '@slack/web-api';
import { FORM_TICKET_ACTION, formText, type FormTicket } from '../../src/engine/turns/form-ticket';
import type { Logger } from '../../src/log';
import type { InboundMessage } from '../../src/types/conversation';
import { slackErrorCode } from './slack-errors';
import { toPlainText } from './slack-inbound';
import type { SlackReaction } from './slack-reactions';

/** The reacted message as conversations.history / conversations.replies return it (the fields we read). */
type SlackMessage = { ts?: string; user?: string; text?: string; bot_id?: string; subtype?: string; thread_ts?: string };

const SUMMARY_MAX = 120;

/**
 * Whether `event` is the :ticket: reaction (SLACK_TICKET_EMOJI) on a person's message in a channel: decided from
 * the event alone, so the event can be acknowledged before the message is read (ticketFromReaction).
 */
export function isTicketReaction(event: SlackReaction, emoji: string, botUserId: string | undefined): boolean {
  const channel = event.item?.channel;
  // Skin tones come as "ticket::skin-tone-2"; DMs and the app's own messages have the other surfaces.
  if (!emoji || (event.reaction ?? '').split('::')[0] !== emoji || event.item?.type !== 'message' || !channel || !event.item?.ts || channel.startsWith('D')) return false;
  return Boolean(event.item_user) && event.item_user !== botUserId;
}

/**
 * The :ticket: reaction on a person's message in a channel where the app is: a ticket for the message's author
 * (not whoever reacted), holding the message text and its permalink, answered in a thread on that message.
 * The dedupe key names the message, so more reactions (or the same one toggled) open one ticket.
 * Null when isTicketReaction says no, on a bot's message, or when the message cannot be read.
 */
export async function ticketFromReaction(event: SlackReaction, emoji: string, client: WebClient, botUserId: string | undefined, log: Logger): Promise<InboundMessage | null> {
  if (!isTicketReaction(event, emoji, botUserId)) return null;
  const channel = event.item?.channel as string;
  const ts = event.item?.ts as string;
  // Both reads at once: one round trip less before the ticket is stored.
  const [message, permalink] = await Promise.all([
    readMessage(client, channel, ts, log),
    client.chat.getPermalink({ channel, message_ts: ts }).then((r) => r.permalink, (error: unknown) => {
      log.warn({ code: slackErrorCode(error) }, 'slack permalink of a reacted message not read');
      return undefined;
    }),
  ]);
  if (!message?.user || message.bot_id || message.user !== event.item_user) return null;
  const text = toPlainText(message.text ?? '', botUserId).trim();
  if (!text) return null;
  const oneLine = text.replace(/\s+/g, ' ');
  const form: FormTicket = {
    summary: oneLine.length > SUMMARY_MAX ? `${oneLine.slice(0, SUMMARY_MAX - 1)}…` : oneLine,
    description: [text, permalink].filter(Boolean).join('\n').slice(0, 4000),
    ...(permalink && /^https:\/\//.test(permalink) ? { source: permalink } : {}),
  };
  return {
    // The thread on the reacted message is the conversation: the author is answered there.
    ref: { channel: 'slack', conversationId: channel, userId: message.user, threadId: message.thread_ts ?? ts },
    platformMessageId: `${channel}:${ts}:ticket-reaction`,
    text: formText(form),
    action: { id: FORM_TICKET_ACTION, value: JSON.stringify(form) },
  };
}

/** The message at `ts`: a top-level one from the channel history, else a thread reply. */
async function readMessage(client: WebClient, channel: string, ts: string, log: Logger): Promise<SlackMessage | null> {
  try {
    const history = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    const top = (history.messages as SlackMessage[] | undefined)?.find((m) => m.ts === ts);
    if (top) return top;
    const replies = await client.conversations.replies({ channel, ts, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    return (replies.messages as SlackMessage[] | undefined)?.find((m) => m.ts === ts) ?? null;
  } catch (error) {
    log.warn({ code: slackErrorCode(error) }, 'slack reacted message not read');
    return null;
  }
}
