import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../../../src/types/conversation';

// The shapes each edge is documented to receive, written as zod schemas so fast-check can generate
// near-valid payloads from them (mutations of recorded fixtures supply the invalid ones).

const text = z.string().max(MAX_TEXT_LENGTH);
const slackTs = z.string().regex(/^1[67]\d{8}\.\d{6}$/);
const slackUser = z.string().regex(/^U[A-Z0-9]{2,10}$/);
const slackChannel = z.string().regex(/^[CDG][A-Z0-9]{2,10}$/);
const slackTeam = z.string().regex(/^T[A-Z0-9]{2,8}$/);

/** POST /api/chat/messages. */
export const WebchatPost = z.object({
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text,
  action: z.object({ id: z.string().max(200), value: z.string().max(2000) }).optional(),
});

/** Slack Events API envelope with a message-like event. */
export const SlackEventEnvelope = z.object({
  token: z.string().max(40),
  team_id: z.string().regex(/^T[A-Z0-9]{2,8}$/),
  api_app_id: z.string().max(20),
  type: z.enum(['event_callback', 'url_verification', 'app_rate_limited']),
  challenge: z.string().max(60).optional(),
  event_id: z.string().regex(/^Ev[A-Z0-9]{6,12}$/),
  event_time: z.number().int().min(1_600_000_000).max(1_900_000_000),
  event: z.object({
    type: z.enum(['message', 'app_mention', 'reaction_added', 'app_home_opened']),
    subtype: z.enum(['bot_message', 'message_changed', 'file_share', 'thread_broadcast', 'me_message', 'channel_join']).optional(),
    channel: slackChannel,
    channel_type: z.enum(['im', 'channel', 'group', 'mpim']).optional(),
    user: slackUser.optional(),
    bot_id: z.string().regex(/^B[A-Z0-9]{2,8}$/).optional(),
    text: text.optional(),
    ts: slackTs,
    thread_ts: slackTs.optional(),
    parent_user_id: slackUser.optional(),
    team: slackTeam.optional(),
  }),
});

/** Slack interactivity: a block_actions click (sent form-encoded as `payload=`). */
export const SlackBlockActions = z.object({
  type: z.enum(['block_actions', 'view_submission', 'shortcut']),
  user: z.object({ id: slackUser, team_id: slackTeam.optional() }),
  team: z.object({ id: slackTeam }).optional(),
  channel: z.object({ id: slackChannel }).optional(),
  container: z.object({ type: z.string().max(20), message_ts: slackTs.optional(), channel_id: slackChannel.optional(), thread_ts: slackTs.optional() }).optional(),
  message: z.object({ ts: slackTs, thread_ts: slackTs.optional() }).optional(),
  actions: z.array(z.object({
    action_id: z.string().regex(/^(fd_choice_[a-z0-9_]{1,12}|[a-z_]{1,12})$/),
    value: z.string().max(2500).optional(),
    text: z.object({ text: z.string().max(300) }).optional(),
    action_ts: slackTs.optional(),
  })).max(3),
});

/** A Bot Framework activity as Teams posts it (serviceUrl is filled in by the test: loopback only). */
export const TeamsActivity = z.object({
  type: z.enum(['message', 'conversationUpdate', 'invoke', 'typing', 'messageReaction']),
  id: z.string().max(80),
  timestamp: z.string().max(40).optional(),
  channelId: z.enum(['msteams', 'webchat']),
  from: z.object({ id: z.string().max(100), name: z.string().max(200).optional(), aadObjectId: z.string().max(40).optional() }),
  conversation: z.object({ id: z.string().max(200), conversationType: z.enum(['personal', 'channel', 'groupChat']).optional(), tenantId: z.string().max(40).optional() }),
  recipient: z.object({ id: z.string().max(100), name: z.string().max(100).optional() }),
  text: text.optional(),
  locale: z.enum(['en-US', 'zh-CN', 'de-DE', 'xx']).optional(),
  entities: z.array(z.object({ type: z.enum(['mention', 'clientInfo']), text: z.string().max(100).optional(), mentioned: z.object({ id: z.string().max(100) }).optional() })).max(3).optional(),
  value: z.object({ fd_action: z.string().max(200).optional(), choice: z.string().max(200).optional() }).optional(),
  membersAdded: z.array(z.object({ id: z.string().max(100) })).max(3).optional(),
});

/** The parts of a mail the generator assembles into RFC 5322 text. */
export const MailSpec = z.object({
  from: z.string().regex(/^[a-z]{1,8}@(example\.com|acme\.test|[a-z]{1,6}\.[a-z]{2,3})$/),
  fromName: z.string().max(60),
  subject: z.string().max(200),
  messageId: z.string().regex(/^[a-z0-9.]{1,20}@[a-z]{1,10}\.test$/),
  inReplyTo: z.string().max(80).optional(),
  contentType: z.enum(['text/plain', 'text/html', 'multipart/alternative', 'multipart/mixed']),
  charset: z.enum(['utf-8', 'gbk', 'iso-8859-1', 'x-unknown']),
  transferEncoding: z.enum(['7bit', 'quoted-printable', 'base64', '8bit']),
  body: z.string().max(2000),
  autoSubmitted: z.enum(['no', 'auto-replied', 'auto-generated']).optional(),
  attachmentBytes: z.number().int().min(0).max(4000).optional(),
});
export type MailSpec = z.infer<typeof MailSpec>;
