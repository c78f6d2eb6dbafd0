import type Database from 'better-sqlite3';
import type { Row } from '../store/rows';
import type { ConversationRef } from '../types/conversation';

/**
 * Thread id of a channel target's conversation row. People's conversations in a Slack channel are keyed by
 * a message timestamp (or '' for the channel itself), never by this, so a target never takes over a
 * conversation a person holds there.
 */
export const TARGET_THREAD = '#broadcast';

/** The platform user id of the stand-in user a channel target needs (users rows are what deliveries reference). */
export const targetUserId = (channelId: string) => `broadcast-target:${channelId}`;

/** SQL condition: the user `column` names is a person, not a channel target (migration 6 table). */
export const IS_PERSON = (column: string) => `NOT EXISTS (SELECT 1 FROM broadcast_targets bt WHERE bt.user_id = ${column})`;

/**
 * The conversation a broadcast is posted into for a Slack channel, created on first use (inside the caller's
 * transaction). Its ref has no thread: SlackChannel.send posts it as a top-level message with chat.postMessage.
 */
export function ensureSlackChannelTarget(db: Database.Database, channelId: string, now: string): { conversationId: number; userId: number } {
  const known = db.prepare("SELECT conversation_id, user_id FROM broadcast_targets WHERE channel = 'slack' AND target_id = ?").get(channelId) as Row | undefined;
  if (known) return { conversationId: Number(known.conversation_id), userId: Number(known.user_id) };
  const platformUser = targetUserId(channelId);
  db.prepare(
    `INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES ('slack', ?, ?, ?, ?)
     ON CONFLICT (channel, platform_user_id) DO NOTHING`,
  ).run(platformUser, `Slack channel ${channelId}`, now, now);
  const userId = Number((db.prepare("SELECT id FROM users WHERE channel = 'slack' AND platform_user_id = ?").get(platformUser) as Row).id);
  const ref: ConversationRef = { channel: 'slack', conversationId: channelId, userId: platformUser };
  db.prepare(
    `INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
     VALUES ('slack', ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, platform_conversation_id, thread_id) DO NOTHING`,
  ).run(channelId, TARGET_THREAD, JSON.stringify(ref), userId, now, now);
  const conversationId = Number((db.prepare("SELECT id FROM conversations WHERE channel = 'slack' AND platform_conversation_id = ? AND thread_id = ?")
    .get(channelId, TARGET_THREAD) as Row).id);
  db.prepare("INSERT INTO broadcast_targets (user_id, conversation_id, channel, target_id, created_at) VALUES (?, ?, 'slack', ?, ?)")
    .run(userId, conversationId, channelId, now);
  return { conversationId, userId };
}
