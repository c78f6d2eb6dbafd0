import type Database from 'better-sqlite3';

const CATEGORIES = ['hardware', 'software', 'network', 'account', 'data', 'email', 'security', 'other'];
const STATUSES = ['new', 'open', 'escalated', 'in_progress', 'resolved', 'closed'];

/**
 * Insert `count` tickets straight into the tables (one requester, one conversation), for benchmarks and
 * paging tests that need many rows fast. Numbers continue the INC counter, so they never collide with
 * tickets the engine opens; `statuses` are given in turn (all six by default). Returns the ids inserted.
 */
export function seedTickets(db: Database.Database, count: number, at = new Date(), statuses: readonly string[] = STATUSES): number[] {
  return db.transaction(() => {
    const now = at.toISOString();
    const user = db.prepare(`INSERT INTO users (channel, platform_user_id, name, email, created_at, updated_at) VALUES ('webchat', ?, 'Seed User', 'seed@example.org', ?, ?)
      ON CONFLICT (channel, platform_user_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id`).get('seed-user', now, now) as { id: number };
    const conv = db.prepare(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at) VALUES ('webchat', 'seed', '', ?, ?, ?, ?)
      ON CONFLICT (channel, platform_conversation_id, thread_id) DO UPDATE SET updated_at = excluded.updated_at RETURNING id`)
      .get(JSON.stringify({ channel: 'webchat', conversationId: 'seed', userId: 'seed-user' }), user.id, now, now) as { id: number };
    const counter = db.prepare("INSERT INTO counters (name, value) VALUES ('INC', ?) ON CONFLICT (name) DO UPDATE SET value = value + ? RETURNING value");
    const last = Number((counter.get(count, count) as { value: number }).value);
    const insert = db.prepare(`INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id, summary, description, lang,
      group_name, response_due_at, resolve_due_at, created_at, updated_at) VALUES (?, 'incident', ?, 2, 2, ?, ?, ?, ?, ?, '', 'en', ?, ?, ?, ?, ?)`);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const n = last - count + 1 + i;
      const info = insert.run(`INC-${String(n).padStart(6, '0')}`, CATEGORIES[i % 8], `P${1 + (i % 5)}`, statuses[i % statuses.length], user.id, conv.id,
        `Seeded ticket ${n}`, i % 3 === 0 ? 'network' : 'service-desk', now, now, now, now);
      ids.push(Number(info.lastInsertRowid));
    }
    return ids;
  })();
}
