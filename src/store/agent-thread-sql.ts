import type { ConversationRef } from '../types/conversation';
import type { AgentPlatform, AgentThread, Tier2Row } from './agent-thread-store';
import type { Row } from './rows';

/**
 * The SQL of AgentThreadStore, written once for both databases ($1, $2... each used once and in order, so the
 * SQLite store reads them as `?`): the per-platform tables of SQLite migrations 5, 14, 15 and 25 and PostgreSQL
 * migrations 10 and 14, and the stand-in user and conversation each place's posts belong to.
 */
type Statement = { sql: string; params: unknown[] };

/** One platform's tables: the thread table with its place and post columns (none on WeCom), the link table. */
const TABLES: Record<AgentPlatform, { threads: string; place: string | null; post: string | null; links: { table: string; user: string } | null }> = {
  slack: { threads: 'slack_threads', place: 'channel', post: 'thread_ts', links: { table: 'slack_agents', user: 'slack_user_id' } },
  feishu: { threads: 'feishu_threads', place: 'chat_id', post: 'message_id', links: { table: 'feishu_agents', user: 'open_id' } },
  wecom: { threads: 'wecom_tier2', place: null, post: null, links: null },
  teams: { threads: 'teams_threads', place: 'conversation_id', post: 'activity_id', links: null },
};

/**
 * The stand-in user and conversation of a place (the same keys the broadcast module uses for a Slack channel,
 * so a channel that gets both broadcasts and escalations has one conversation and one posting order).
 */
export function targetOf(platform: AgentPlatform, place: string) {
  const spec = {
    slack: { user: `broadcast-target:${place}`, name: `Slack channel ${place}`, thread: '#broadcast', marker: 'slack' },
    feishu: { user: `tier2:${place}`, name: 'Feishu agents', thread: '#tier2', marker: 'feishu-tier2' },
    wecom: { user: 'broadcast-target:@agents', name: 'WeCom agents', thread: '#broadcast', marker: 'wecom' },
    teams: { user: `tier2:${place}`, name: 'Teams agents', thread: '#tier2', marker: 'teams-tier2' },
  }[platform];
  const ref: ConversationRef = { channel: platform, conversationId: place, userId: spec.user };
  return { ...spec, ref };
}

/** The outbox ref of one tier-2 post: the dispatcher hands `extra` to the channel, which finds the thread by it. */
export function tier2Ref(platform: AgentPlatform, place: string, role: Tier2Row['role'], ticketNumber: string): string {
  return JSON.stringify({ ...targetOf(platform, place).ref, extra: { tier2: role, ticket: ticketNumber } } satisfies ConversationRef);
}

/** Statements that make the place's target (each ON CONFLICT DO NOTHING: any instance may run them at once). */
export function targetStatements(platform: AgentPlatform, place: string, now: string) {
  const t = targetOf(platform, place);
  return {
    user: { sql: 'INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, platform_user_id) DO NOTHING', params: [platform, t.user, t.name, now, now] },
    userId: { sql: 'SELECT id FROM users WHERE channel = $1 AND platform_user_id = $2', params: [platform, t.user] },
    conversation: (userId: number): Statement => ({
      sql: `INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (channel, platform_conversation_id, thread_id) DO NOTHING`,
      params: [platform, place, t.thread, JSON.stringify(t.ref), userId, now, now],
    }),
    conversationId: { sql: 'SELECT id FROM conversations WHERE channel = $1 AND platform_conversation_id = $2 AND thread_id = $3', params: [platform, place, t.thread] },
    marker: (userId: number, conversationId: number): Statement => ({
      sql: 'INSERT INTO broadcast_targets (user_id, conversation_id, channel, target_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      params: [userId, conversationId, t.marker, place, now],
    }),
  };
}

/** Most escalations one catch-up sweep mirrors (AgentThreadStore.escalatedWithoutThread). */
export const SWEEP_LIMIT = 500;

/** The statements of one platform's thread and link tables. */
export function threadStatements(platform: AgentPlatform) {
  const t = TABLES[platform];
  const links = () => {
    if (!t.links) throw new Error(`${platform} keeps no agent links`);
    return t.links;
  };
  const post = () => {
    if (!t.post) throw new Error(`${platform} escalations have no post id (its cards are in wecom_cards)`);
    return t.post;
  };
  return {
    claim: (ticketId: number, place: string, lastEventId: number, now: string): Statement => (t.place
      ? { sql: `INSERT INTO ${t.threads} (ticket_id, ${t.place}, last_event_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, params: [ticketId, place, lastEventId, now] }
      : { sql: `INSERT INTO ${t.threads} (ticket_id, last_event_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, params: [ticketId, lastEventId, now] }),
    advance: (ticketId: number, lastEventId: number): Statement => ({
      sql: `UPDATE ${t.threads} SET last_event_id = $1 WHERE ticket_id = $2 AND last_event_id < $3`, params: [lastEventId, ticketId, lastEventId],
    }),
    // ticket_events_at bounds the scan to the window; at most SWEEP_LIMIT a sweep (the rest the next one).
    escalatedWithoutThread: (since: string, before: string): Statement => ({
      sql: `SELECT DISTINCT e.ticket_id AS id FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.at >= $1 AND e.at < $2 AND e.kind = 'escalated' AND t.status <> 'closed'
          AND NOT EXISTS (SELECT 1 FROM ${t.threads} x WHERE x.ticket_id = e.ticket_id) ORDER BY e.ticket_id LIMIT ${SWEEP_LIMIT}`,
      params: [since, before],
    }),
    thread: (ticketId: number): Statement => ({ sql: `SELECT * FROM ${t.threads} WHERE ticket_id = $1`, params: [ticketId] }),
    toThread: (ticketId: number, row: Row, wecomPlace: string): AgentThread => ({
      ticketId, place: t.place ? String(row[t.place]) : wecomPlace, lastEventId: Number(row.last_event_id),
      postId: t.post && row[t.post] !== null ? String(row[t.post]) : null,
    }),
    setPost: (ticketNumber: string, postId: string): Statement => ({
      sql: `UPDATE ${t.threads} SET ${post()} = $1 WHERE ticket_id = (SELECT id FROM tickets WHERE number = $2)`, params: [postId, ticketNumber],
    }),
    postOf: (ticketNumber: string): Statement => ({
      sql: `SELECT x.${post()} AS post FROM ${t.threads} x JOIN tickets t ON t.id = x.ticket_id WHERE t.number = $1`, params: [ticketNumber],
    }),
    ticketFor: (postId: string, place?: string): Statement => (place !== undefined && t.place
      ? { sql: `SELECT t.number FROM ${t.threads} x JOIN tickets t ON t.id = x.ticket_id WHERE x.${post()} = $1 AND x.${t.place} = $2`, params: [postId, place] }
      : { sql: `SELECT t.number FROM ${t.threads} x JOIN tickets t ON t.id = x.ticket_id WHERE x.${post()} = $1`, params: [postId] }),
    agentOf: (userId: string): Statement => ({ sql: `SELECT agent_id FROM ${links().table} WHERE ${links().user} = $1`, params: [userId] }),
    userOf: (agentId: string): Statement => ({ sql: `SELECT ${links().user} AS platform_user FROM ${links().table} WHERE agent_id = $1`, params: [agentId] }),
    link: (userId: string, agentId: string, source: string, now: string): Statement => ({
      sql: `INSERT INTO ${links().table} (${links().user}, agent_id, source, created_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (${links().user}) DO UPDATE SET agent_id = excluded.agent_id, source = excluded.source`,
      params: [userId, agentId, source, now],
    }),
    linkedElsewhere: (agentId: string, other: string) => new Error(
      `agent "${agentId}" is linked to ${platform === 'slack' ? 'Slack' : 'Feishu'} user ${other}: unlink it first (DELETE FROM ${links().table} WHERE agent_id = '${agentId}')`),
  };
}

/** The tier-2 conversation's transcript keeps no copy of a post (see AgentThreadStore). */
export const DROP_TRANSCRIPT_COPY = 'DELETE FROM messages WHERE outbox_id = $1';
