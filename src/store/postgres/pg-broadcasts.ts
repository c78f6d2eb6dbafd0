import type { z } from 'zod';
import { audienceSql, progressOf, toBroadcast, toPendingDelivery, type PendingDelivery } from '../../broadcast/broadcast-store';
import { TARGET_THREAD, targetUserId } from '../../broadcast/broadcast-targets';
import { Audience, type Broadcast, type BroadcastPosted, type BroadcastProgress } from '../../broadcast/broadcast-types';
import type { Broadcasts } from '../../broadcast/broadcasts';
import { NotFoundError, ValidationError } from '../../errors';
import type { ConversationRef } from '../../types/conversation';
import type { PgDatabase, PgQueries } from './pg-database';

/** `?` placeholders as PostgreSQL's $1, $2... */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The Slack channel target's conversation and user, made on first use inside the caller's transaction (as broadcast-targets.ts). */
async function ensureSlackChannelTarget(tx: PgQueries, channelId: string, now: string): Promise<{ conversationId: number; userId: number }> {
  const find = () => tx.one("SELECT conversation_id, user_id FROM broadcast_targets WHERE channel = 'slack' AND target_id = $1", [channelId]);
  const known = await find();
  if (known) return { conversationId: Number(known.conversation_id), userId: Number(known.user_id) };
  const platformUser = targetUserId(channelId);
  await tx.run(`INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES ('slack', $1, $2, $3, $3)
    ON CONFLICT (channel, platform_user_id) DO NOTHING`, [platformUser, `Slack channel ${channelId}`, now]);
  const userId = Number((await tx.one("SELECT id FROM users WHERE channel = 'slack' AND platform_user_id = $1", [platformUser]))?.id);
  const ref: ConversationRef = { channel: 'slack', conversationId: channelId, userId: platformUser };
  await tx.run(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
    VALUES ('slack', $1, $2, $3, $4, $5, $5) ON CONFLICT (channel, platform_conversation_id, thread_id) DO NOTHING`,
  [channelId, TARGET_THREAD, JSON.stringify(ref), userId, now]);
  const conversationId = Number((await tx.one("SELECT id FROM conversations WHERE channel = 'slack' AND platform_conversation_id = $1 AND thread_id = $2",
    [channelId, TARGET_THREAD]))?.id);
  // Another instance posting to the same channel at once made the same rows: both end on the one target.
  await tx.run("INSERT INTO broadcast_targets (user_id, conversation_id, channel, target_id, created_at) VALUES ($1, $2, 'slack', $3, $4) ON CONFLICT DO NOTHING",
    [userId, conversationId, channelId, now]);
  const made = await find();
  return { conversationId: Number(made?.conversation_id), userId: Number(made?.user_id) };
}

const PROGRESS_SQL = `SELECT d.kind, (bt.user_id IS NOT NULL) AS is_target, count(*) AS audience, count(d.outbox_id) AS enqueued,
    count(*) FILTER (WHERE o.status = 'sent') AS sent, count(*) FILTER (WHERE o.status = 'failed') AS failed
  FROM broadcast_deliveries d LEFT JOIN outbox o ON o.id = d.outbox_id LEFT JOIN broadcast_targets bt ON bt.user_id = d.user_id
  WHERE d.broadcast_id = $1 GROUP BY d.kind, is_target`;

/** Broadcasts on PostgreSQL: senders on several instances share the deliveries through row claims. */
export class PgBroadcasts implements Broadcasts {
  constructor(private readonly db: PgDatabase) {}

  async create(input: { text: string; audience: z.input<typeof Audience>; incident?: string; createdBy: string }, now: string): Promise<BroadcastPosted> {
    const audience = Audience.parse(input.audience);
    if (input.incident && !(await this.db.one('SELECT 1 FROM major_incidents WHERE number = $1', [input.incident]))) {
      throw new NotFoundError(`no major incident ${input.incident}: check the number or declare it first`);
    }
    return this.db.transaction(async (tx) => {
      const id = Number((await tx.one('INSERT INTO broadcasts (text, audience_json, major_incident_number, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [input.text, JSON.stringify(audience), input.incident ?? null, input.createdBy, now]))?.id);
      const query = audienceSql(audience, 'ILIKE');
      const members = query ? await tx.rows(numbered(query.sql), query.params) : [];
      const insert = (conversationId: unknown, userId: unknown) => tx.run(`INSERT INTO broadcast_deliveries (broadcast_id, kind, conversation_id, user_id, created_at)
        VALUES ($1, 'notice', $2, $3, $4) ON CONFLICT DO NOTHING`, [id, conversationId, userId, now]);
      for (const m of members) await insert(m.conversation_id, m.user_id);
      for (const channelId of audience.slackChannels) {
        const target = await ensureSlackChannelTarget(tx, channelId, now);
        await insert(target.conversationId, target.userId);
      }
      return { broadcast: toBroadcast((await tx.one('SELECT * FROM broadcasts WHERE id = $1', [id]))!), audience: members.length, channels: audience.slackChannels.length };
    });
  }

  async close(id: number, note: string, closedBy: string, now: string, options: { exceptUserIds?: readonly number[] } = {}): Promise<BroadcastPosted> {
    return this.db.transaction(async (tx) => {
      // Locked: two admins closing at once get one follow-up and one "closed already".
      const row = await tx.one('SELECT * FROM broadcasts WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw new NotFoundError(`no broadcast ${id}: list them with frontdesk broadcast list`);
      const current = toBroadcast(row);
      if (current.status === 'closed') throw new ValidationError(`broadcast ${id} is closed already (at ${current.closedAt})`);
      await tx.run("UPDATE broadcasts SET status = 'closed', follow_up_text = $1, closed_by = $2, closed_at = $3 WHERE id = $4", [note, closedBy, now, id]);
      // People told another way (a major incident's own resolve notice) are left out: one "fixed" message each.
      await tx.run(`INSERT INTO broadcast_deliveries (broadcast_id, kind, conversation_id, user_id, created_at)
        SELECT broadcast_id, 'follow_up', conversation_id, user_id, $1 FROM broadcast_deliveries
        WHERE broadcast_id = $2 AND kind = 'notice' AND NOT (user_id = ANY($3::bigint[])) ON CONFLICT DO NOTHING`, [now, id, [...(options.exceptUserIds ?? [])]]);
      const { follow_up: counts } = progressOf(await tx.rows(PROGRESS_SQL, [id]));
      return { broadcast: toBroadcast((await tx.one('SELECT * FROM broadcasts WHERE id = $1', [id]))!), audience: counts.audience, channels: counts.channels.audience };
    });
  }

  async get(id: number): Promise<Broadcast | null> {
    const row = await this.db.one('SELECT * FROM broadcasts WHERE id = $1', [id]);
    return row ? toBroadcast(row) : null;
  }

  async list(limit = 50): Promise<Broadcast[]> {
    return (await this.db.rows('SELECT * FROM broadcasts ORDER BY id DESC LIMIT $1', [limit])).map(toBroadcast);
  }

  async activeTexts(): Promise<string[]> {
    return (await this.db.rows("SELECT text FROM broadcasts WHERE status = 'active' ORDER BY id DESC LIMIT 5")).map((r) => String(r.text));
  }

  async progress(id: number): Promise<BroadcastProgress> {
    return progressOf(await this.db.rows(PROGRESS_SQL, [id]));
  }

  async pending(limit: number, now: string, broadcastId?: number): Promise<PendingDelivery[]> {
    return (await this.db.rows(
      `SELECT * FROM broadcast_deliveries WHERE outbox_id IS NULL AND (claim_expires_at IS NULL OR claim_expires_at <= $1)
       AND ($2::bigint IS NULL OR broadcast_id = $2) ORDER BY id LIMIT $3`, [now, broadcastId ?? null, limit])).map(toPendingDelivery);
  }

  async countPending(): Promise<number> {
    return Number((await this.db.one('SELECT count(*) AS n FROM broadcast_deliveries WHERE outbox_id IS NULL'))?.n ?? 0);
  }

  async claim(delivery: PendingDelivery, now: string, leaseMs: number): Promise<boolean> {
    const expires = new Date(Date.parse(now) + leaseMs).toISOString();
    // Any outbox row this sender's turn adds later draws a larger id than the mark: findQueued can tell it after a crash.
    const mark = delivery.claimedAfterOutboxId ?? Number((await this.db.one('SELECT coalesce(max(id), 0) AS m FROM outbox'))?.m ?? 0);
    // One statement: of two instances claiming at once, the second re-checks the row after the first commits and changes nothing.
    return (await this.db.run(
      `UPDATE broadcast_deliveries SET claim_expires_at = $1, claimed_after_outbox_id = $2
       WHERE id = $3 AND outbox_id IS NULL AND (claim_expires_at IS NULL OR claim_expires_at <= $4)`, [expires, mark, delivery.id, now])) === 1;
  }

  async findQueued(delivery: PendingDelivery, messageJsons: readonly string[]): Promise<number | null> {
    if (delivery.claimedAfterOutboxId === null || messageJsons.length === 0) return null;
    const row = await this.db.one(
      `SELECT outbox_id AS id FROM messages WHERE conversation_id = $1 AND outbox_id > $2 AND payload_json = ANY($3::text[]) ORDER BY outbox_id LIMIT 1`,
      [delivery.conversationId, delivery.claimedAfterOutboxId, [...messageJsons]]);
    return row ? Number(row.id) : null;
  }

  async recordQueued(deliveryId: number, outboxId: number, now: string): Promise<void> {
    await this.db.run('UPDATE broadcast_deliveries SET outbox_id = $1, enqueued_at = $2, claim_expires_at = NULL WHERE id = $3', [outboxId, now, deliveryId]);
  }
}

