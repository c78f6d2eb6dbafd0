import type { Row } from '../../src/store/rows';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';

/** The conversation tier-2 posts to WeCom agents belong to (its own stand-in user, like a Slack channel target). */
const AGENTS = '@agents';
const TARGET_USER = 'broadcast-target:@agents';

/** A tier-2 post: the escalation card, a mirrored line, or the card again (update_template_card). */
export type AgentPost = { role: 'escalation' | 'thread' | 'card'; message: OutboundMessage };

/**
 * Queue tier-2 posts in the outbox, in order, as rows of one conversation (so they go out in order with the
 * outbox's retries and rate-limit waits). Call inside the caller's transaction. The transcript copy is
 * dropped: the requester's words stay in the requester's own conversation only (erasure reaches them there).
 */
export function enqueueForAgents(store: Store, ticketNumber: string, posts: AgentPost[], now: string): { conversationId: number; outboxIds: number[] } {
  if (!(store instanceof SqliteStore)) throw new Error('WeCom tier-2 posts need the SQLite store');
  const db = store.db;
  const known = db.prepare("SELECT conversation_id FROM broadcast_targets WHERE channel = 'wecom' AND target_id = ?").get(AGENTS) as Row | undefined;
  let conversationId = known ? Number(known.conversation_id) : 0;
  if (!known) {
    db.prepare(`INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES ('wecom', ?, 'WeCom agents', ?, ?)
      ON CONFLICT (channel, platform_user_id) DO NOTHING`).run(TARGET_USER, now, now);
    const userId = Number((db.prepare("SELECT id FROM users WHERE channel = 'wecom' AND platform_user_id = ?").get(TARGET_USER) as Row).id);
    const ref: ConversationRef = { channel: 'wecom', conversationId: AGENTS, userId: TARGET_USER };
    db.prepare(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
      VALUES ('wecom', ?, '#broadcast', ?, ?, ?, ?) ON CONFLICT (channel, platform_conversation_id, thread_id) DO NOTHING`).run(AGENTS, JSON.stringify(ref), userId, now, now);
    conversationId = Number((db.prepare("SELECT id FROM conversations WHERE channel = 'wecom' AND platform_conversation_id = ? AND thread_id = '#broadcast'").get(AGENTS) as Row).id);
    db.prepare("INSERT INTO broadcast_targets (user_id, conversation_id, channel, target_id, created_at) VALUES (?, ?, 'wecom', ?, ?)").run(userId, conversationId, AGENTS, now);
  }
  const outboxIds = posts.map(({ role, message }) => {
    const ref: ConversationRef = { channel: 'wecom', conversationId: AGENTS, userId: TARGET_USER, extra: { tier2: role, ticket: ticketNumber } };
    const outboxId = store.enqueue(conversationId, JSON.stringify(ref), message, now);
    db.prepare('DELETE FROM messages WHERE outbox_id = ?').run(outboxId);
    return outboxId;
  });
  return { conversationId, outboxIds };
}
