import { NotFoundError } from '../errors';
import { plainTextOf, type Row } from './rows';

/** Read rows with $1, $2... parameters (each used once, in order), on either database. */
export type RowsQuery = (sql: string, params: unknown[]) => Promise<Row[]>;

/** Users a selector names: a numeric user id, or an email address (every channel's user with that address). */
export async function findUsersWith(rows: RowsQuery, selector: string): Promise<Row[]> {
  const byId = /^\d+$/.test(selector);
  const found = byId
    ? await rows('SELECT * FROM users WHERE id = $1', [Number(selector)])
    : await rows('SELECT * FROM users WHERE lower(email) = lower($1) ORDER BY id', [selector.trim()]);
  if (found.length === 0) throw new NotFoundError(`no user with ${byId ? 'id' : 'email'} ${selector}`);
  return found;
}

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : null);

/** Subject access: everything stored about the person, as one JSON-ready object (the same SQL on both databases). */
export async function exportPersonalData(rows: RowsQuery, selector: string): Promise<Record<string, unknown>> {
  const users = await findUsersWith(rows, selector);
  const out = [];
  for (const u of users) {
    const conversations = [];
    for (const c of await rows('SELECT * FROM conversations WHERE user_id = $1 ORDER BY id', [u.id])) {
      const messages = await rows('SELECT direction, author, text, payload_json, created_at FROM messages WHERE conversation_id = $1 ORDER BY id', [c.id]);
      // Questions the articles answered, with the person's rating and comment.
      const answered = await rows('SELECT at, articles_json, csat, csat_comment FROM kb_answers WHERE conversation_id = $1 ORDER BY id', [c.id]);
      conversations.push({
        id: c.id, channel: c.channel, createdAt: c.created_at, updatedAt: c.updated_at, state: json(c.state_json),
        messages: messages.map((m) => ({ direction: m.direction, author: m.author, text: plainTextOf(m), at: m.created_at })),
        answeredQuestions: answered.map((a) => ({ at: a.at, articles: json(a.articles_json), csat: a.csat ?? null, comment: a.csat_comment ?? null })),
      });
    }
    const tickets = [];
    for (const t of await rows('SELECT * FROM tickets WHERE requester_id = $1 ORDER BY id', [u.id])) {
      const events = await rows('SELECT at, actor, kind, data_json FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [t.id]);
      tickets.push({
        number: t.number, type: t.type, category: t.category, priority: t.priority, status: t.status, summary: t.summary,
        description: t.description, details: json(t.slots_json), createdAt: t.created_at, resolvedAt: t.resolved_at, closedAt: t.closed_at, csat: t.csat,
        events: events.map((e) => ({ at: e.at, actor: e.actor, kind: e.kind, data: json(e.data_json) })),
      });
    }
    out.push({
      id: u.id, channel: u.channel, platformUserId: u.platform_user_id, name: u.name, email: u.email, department: u.department,
      lang: u.lang, timeZone: u.time_zone ?? null, createdAt: u.created_at, updatedAt: u.updated_at, conversations, tickets,
    });
  }
  return { exportedAt: new Date().toISOString(), users: out };
}
