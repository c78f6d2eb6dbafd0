import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';
import { hasTable } from '../kpi/load-kpi-data';
import type { Row } from '../store/rows';
import { IS_PERSON, ensureSlackChannelTarget } from './broadcast-targets';
import { Audience, type Broadcast, type BroadcastPosted, type BroadcastProgress, type DeliveryCounts, type DeliveryKind } from './broadcast-types';
import { statementCache } from '../store/statement-cache';

/** A delivery still to enqueue. */
export type PendingDelivery = {
  id: number;
  broadcastId: number;
  kind: DeliveryKind;
  conversationId: number;
  userId: number;
  /** Set when an earlier sender claimed it: an outbox row above this id with the same message is that sender's work. */
  claimedAfterOutboxId: number | null;
};

/** A broadcasts row as a Broadcast (both databases). */
export const toBroadcast = (r: Row): Broadcast => ({
  id: Number(r.id),
  text: String(r.text),
  audience: Audience.parse(JSON.parse(String(r.audience_json))),
  status: r.status as Broadcast['status'],
  incident: r.major_incident_number === null ? null : String(r.major_incident_number),
  followUp: r.follow_up_text === null ? null : String(r.follow_up_text),
  createdBy: String(r.created_by),
  createdAt: String(r.created_at),
  closedBy: r.closed_by === null ? null : String(r.closed_by),
  closedAt: r.closed_at === null ? null : String(r.closed_at),
});

/**
 * The people of the audience as conversations: one per user (their direct, un-threaded one if any, else the
 * latest). Null when only Slack channels are named: the admin chose where to post, not whom to message.
 * Channel targets (migration 6) are never people. `?` placeholders; `like` is the case-insensitive operator
 * (SQLite's LIKE is, for ASCII; PostgreSQL's ILIKE).
 */
export function audienceSql(audience: Audience, like: 'LIKE' | 'ILIKE' = 'LIKE'): { sql: string; params: string[] } | null {
  const people = audience.channels.length || audience.categories.length || audience.services?.length || audience.offices?.length;
  if (audience.slackChannels.length && !people) return null;
  const where: string[] = [IS_PERSON('c.user_id')];
  const params: string[] = [];
  if (audience.channels.length) {
    where.push(`c.channel IN (${audience.channels.map(() => '?').join(', ')})`);
    params.push(...audience.channels);
  } else where.push("c.channel <> 'terminal'");
  if (audience.categories.length) {
    where.push(`EXISTS (SELECT 1 FROM tickets t WHERE t.requester_id = c.user_id AND t.status NOT IN ('resolved', 'closed')
      AND t.category IN (${audience.categories.map(() => '?').join(', ')}))`);
    params.push(...audience.categories);
  }
  if (audience.services?.length) {
    // Case-insensitive; '%' and '_' in a service name are escaped so they match themselves.
    const matches = audience.services.map(() => `(t.summary ${like} ? ESCAPE '\\' OR t.description ${like} ? ESCAPE '\\')`).join(' OR ');
    where.push(`EXISTS (SELECT 1 FROM tickets t WHERE t.requester_id = c.user_id AND t.status NOT IN ('resolved', 'closed') AND (${matches}))`);
    for (const service of audience.services) {
      const pattern = `%${service.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      params.push(pattern, pattern);
    }
  }
  if (audience.offices?.length) {
    where.push(`EXISTS (SELECT 1 FROM users u WHERE u.id = c.user_id AND lower(u.department) IN (${audience.offices.map(() => '?').join(', ')}))`);
    params.push(...audience.offices.map((o) => o.toLowerCase()));
  }
  // A window function ranks each user's conversations in one pass (a correlated subquery would rescan per row).
  const sql = `SELECT c.id AS conversation_id, c.user_id FROM (
      SELECT id, user_id, channel, row_number() OVER (
        PARTITION BY user_id ORDER BY (thread_id = '') DESC, updated_at DESC, id DESC) AS rank
      FROM conversations) c
    WHERE c.rank = 1 AND ${where.join(' AND ')} ORDER BY c.user_id`;
  return { sql, params };
}

const EMPTY: DeliveryCounts = { audience: 0, enqueued: 0, sent: 0, failed: 0 };

/** Progress from rows of (kind, is_target, audience, enqueued, sent, failed), as both databases group them. */
export function progressOf(rows: Row[]): BroadcastProgress {
  const progress: BroadcastProgress = { notice: { ...EMPTY, channels: { ...EMPTY } }, follow_up: { ...EMPTY, channels: { ...EMPTY } } };
  for (const r of rows) {
    const counts = { audience: Number(r.audience), enqueued: Number(r.enqueued), sent: Number(r.sent ?? 0), failed: Number(r.failed ?? 0) };
    const kind = progress[r.kind as DeliveryKind];
    if (Number(r.is_target)) kind.channels = counts;
    else Object.assign(kind, counts);
  }
  return progress;
}

/** A broadcast_deliveries row as a PendingDelivery (both databases). */
export const toPendingDelivery = (r: Row): PendingDelivery => ({
  id: Number(r.id), broadcastId: Number(r.broadcast_id), kind: r.kind as DeliveryKind, conversationId: Number(r.conversation_id),
  userId: Number(r.user_id), claimedAfterOutboxId: r.claimed_after_outbox_id === null ? null : Number(r.claimed_after_outbox_id),
});

/**
 * Broadcasts and their deliveries on the Frontdesk SQLite database (tables of migration 4), synchronous. The
 * app uses them through SqliteBroadcasts (the Broadcasts interface PostgreSQL implements as well).
 */
export class BroadcastStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  /** Store the broadcast and snapshot its audience (people, then one delivery per named Slack channel), in one transaction. */
  create(input: { text: string; audience: z.input<typeof Audience>; incident?: string; createdBy: string }, now: string): BroadcastPosted {
    const audience = Audience.parse(input.audience);
    if (input.incident) this.requireIncident(input.incident);
    return this.db.transaction(() => {
      const info = this.stmt('INSERT INTO broadcasts (text, audience_json, major_incident_number, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(input.text, JSON.stringify(audience), input.incident ?? null, input.createdBy, now);
      const id = Number(info.lastInsertRowid);
      const query = audienceSql(audience);
      const members = query ? (this.db.prepare(query.sql).all(...query.params) as Row[]) : [];
      const insert = this.stmt('INSERT OR IGNORE INTO broadcast_deliveries (broadcast_id, kind, conversation_id, user_id, created_at) VALUES (?, ?, ?, ?, ?)');
      for (const m of members) insert.run(id, 'notice', m.conversation_id, m.user_id, now);
      for (const channelId of audience.slackChannels) {
        const target = ensureSlackChannelTarget(this.db, channelId, now);
        insert.run(id, 'notice', target.conversationId, target.userId, now);
      }
      return { broadcast: this.get(id) as Broadcast, audience: members.length, channels: audience.slackChannels.length };
    }).immediate();
  }

  /** Close an active broadcast and queue the follow-up for every person and channel the notice was meant for. */
  close(id: number, note: string, closedBy: string, now: string, options: { exceptUserIds?: readonly number[] } = {}): BroadcastPosted {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (!current) throw new NotFoundError(`no broadcast ${id}: list them with frontdesk broadcast list`);
      if (current.status === 'closed') throw new ValidationError(`broadcast ${id} is closed already (at ${current.closedAt})`);
      this.stmt("UPDATE broadcasts SET status = 'closed', follow_up_text = ?, closed_by = ?, closed_at = ? WHERE id = ?").run(note, closedBy, now, id);
      // People told another way (a major incident's own resolve notice) are left out: one "fixed" message each.
      const except = options.exceptUserIds ?? [];
      this.db.prepare(
        `INSERT OR IGNORE INTO broadcast_deliveries (broadcast_id, kind, conversation_id, user_id, created_at)
         SELECT broadcast_id, 'follow_up', conversation_id, user_id, ? FROM broadcast_deliveries WHERE broadcast_id = ? AND kind = 'notice'
         ${except.length ? `AND user_id NOT IN (${except.map(() => '?').join(', ')})` : ''}`,
      ).run(now, id, ...except);
      const { follow_up: counts } = this.progress(id);
      return { broadcast: this.get(id) as Broadcast, audience: counts.audience, channels: counts.channels.audience };
    }).immediate();
  }

  get(id: number): Broadcast | null {
    const row = this.stmt('SELECT * FROM broadcasts WHERE id = ?').get(id) as Row | undefined;
    return row ? toBroadcast(row) : null;
  }

  /** The latest broadcasts, newest first. */
  list(limit = 50): Broadcast[] {
    return (this.stmt('SELECT * FROM broadcasts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toBroadcast);
  }

  /** Texts of the active broadcasts, newest first: shown at the start of new conversations. */
  activeTexts(): string[] {
    return (this.stmt("SELECT text FROM broadcasts WHERE status = 'active' ORDER BY id DESC LIMIT 5").all() as Row[]).map((r) => String(r.text));
  }

  /** Audience size, enqueued, sent and failed deliveries of a broadcast: people, and channel posts apart. */
  progress(id: number): BroadcastProgress {
    const rows = this.stmt(
      `SELECT d.kind, (bt.user_id IS NOT NULL) AS is_target, count(*) AS audience, count(d.outbox_id) AS enqueued,
         sum(o.status = 'sent') AS sent, sum(o.status = 'failed') AS failed
       FROM broadcast_deliveries d LEFT JOIN outbox o ON o.id = d.outbox_id LEFT JOIN broadcast_targets bt ON bt.user_id = d.user_id
       WHERE d.broadcast_id = ? GROUP BY d.kind, is_target`,
    ).all(id) as Row[];
    return progressOf(rows);
  }

  /** Deliveries not yet in the outbox whose claim (if any) has lapsed, oldest first. */
  pending(limit: number, now: string, broadcastId?: number): PendingDelivery[] {
    const rows = this.stmt(
      `SELECT * FROM broadcast_deliveries WHERE outbox_id IS NULL AND (claim_expires_at IS NULL OR claim_expires_at <= ?)
       ${broadcastId === undefined ? '' : 'AND broadcast_id = ?'} ORDER BY id LIMIT ?`,
    ).all(...(broadcastId === undefined ? [now, limit] : [now, broadcastId, limit])) as Row[];
    return rows.map(toPendingDelivery);
  }

  /** Deliveries not yet in the outbox, claimed or not. */
  countPending(): number {
    return Number((this.stmt('SELECT count(*) AS n FROM broadcast_deliveries WHERE outbox_id IS NULL').get() as Row).n);
  }

  /**
   * Take a delivery for `leaseMs` (another sender process skips it meanwhile) and note the outbox high-water
   * mark, so that after a crash the row this sender may have queued can be found. False if someone else has it.
   */
  claim(delivery: PendingDelivery, now: string, leaseMs: number): boolean {
    const expires = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db.transaction(() => {
      const mark = delivery.claimedAfterOutboxId ?? Number((this.stmt('SELECT coalesce(max(id), 0) AS m FROM outbox').get() as Row).m);
      const info = this.stmt(
        `UPDATE broadcast_deliveries SET claim_expires_at = ?, claimed_after_outbox_id = ?
         WHERE id = ? AND outbox_id IS NULL AND (claim_expires_at IS NULL OR claim_expires_at <= ?)`,
      ).run(expires, mark, delivery.id, now);
      return info.changes === 1;
    }).immediate();
  }

  /** The outbox row an earlier, interrupted sender queued for this delivery, if it got that far. */
  findQueued(delivery: PendingDelivery, messageJsons: readonly string[]): number | null {
    if (delivery.claimedAfterOutboxId === null || messageJsons.length === 0) return null;
    const row = this.db.prepare(
      // The transcript's copy: the outbox clears its own once the row is sent.
      `SELECT outbox_id AS id FROM messages WHERE conversation_id = ? AND outbox_id > ? AND payload_json IN (${messageJsons.map(() => '?').join(', ')}) ORDER BY outbox_id LIMIT 1`,
    ).get(delivery.conversationId, delivery.claimedAfterOutboxId, ...messageJsons) as Row | undefined;
    return row ? Number(row.id) : null;
  }

  /** Record the outbox row of a delivery: it is done. */
  recordQueued(deliveryId: number, outboxId: number, now: string): void {
    this.stmt('UPDATE broadcast_deliveries SET outbox_id = ?, enqueued_at = ?, claim_expires_at = NULL WHERE id = ?').run(outboxId, now, deliveryId);
  }

  private requireIncident(number: string): void {
    // The major-incident table comes from another feature; without it the link is stored unchecked.
    if (!hasTable(this.db, 'major_incidents')) return;
    const columns = (this.stmt("SELECT name FROM pragma_table_info('major_incidents')").all() as Row[]).map((r) => String(r.name));
    if (!columns.includes('number')) return;
    if (!this.stmt('SELECT 1 FROM major_incidents WHERE number = ?').get(number)) {
      throw new NotFoundError(`no major incident ${number}: check the number or declare it first`);
    }
  }
}
