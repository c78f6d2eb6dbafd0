import { readState } from '../../src/engine/state';
import type { ChannelContext } from '../../src/types/channel';
import type { InboundMessage } from '../../src/types/conversation';

/** The `reaction_added` event, the fields we read. */
export type SlackReaction = { type: 'reaction_added'; user?: string; reaction?: string; item?: { type?: string; channel?: string; ts?: string }; item_user?: string };

/** Reactions that say "yes, it is fixed" (Slack's names, skin tones stripped). */
const CONFIRMING = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check']);
/** The word the conversation's language confirms with: what the person would have typed. */
const YES = { en: 'yes', zh: '是的' } as const;

/**
 * A ✅ from the requester on one of the bot's messages in their DM, while the bot waits for "Is it fixed?",
 * answers it as "yes". Any other reaction, on anything else, at any other time, is nothing to answer.
 * One answer per reacted message (the dedupe key names it), however often the reaction is toggled.
 */
export async function confirmationOf(event: SlackReaction, botUserId: string | undefined, lookup: ChannelContext['lookup']): Promise<InboundMessage | null> {
  const channel = event.item?.channel;
  const ts = event.item?.ts;
  const reaction = (event.reaction ?? '').split('::')[0];
  if (!event.user || !channel?.startsWith('D') || !ts || event.item?.type !== 'message') return null;
  if (!CONFIRMING.has(reaction) || !botUserId || event.item_user !== botUserId) return null;
  const conversation = await lookup.findConversation({ channel: 'slack', conversationId: channel });
  if (!conversation || conversation.mode === 'closed') return null;
  const requester = await lookup.getUser(conversation.userId);
  if (requester?.platformUserId !== event.user || readState(conversation.state).phase !== 'awaiting_confirmation') return null;
  return {
    ref: conversation.ref,
    platformMessageId: `${channel}:${ts}:confirmed`,
    text: YES[conversation.lang],
  };
}
