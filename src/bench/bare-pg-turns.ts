import { Client } from 'pg';

/** What the engine's turns wrote, per turn on average: the bare loop writes the same rows in the same proportion. */
export type TurnShape = { turns: number; outboxRows: number; ticketsOpened: number; ticketEvents: number; kbGaps: number };

/** The shape of the turns in a Frontdesk database: counted from its rows after the engine ran. */
export async function measureTurnShape(url: string): Promise<TurnShape> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);
    return {
      turns: await count("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL"),
      outboxRows: await count('SELECT count(*) AS n FROM outbox'),
      ticketsOpened: await count('SELECT count(*) AS n FROM tickets'),
      ticketEvents: await count('SELECT count(*) AS n FROM ticket_events'),
      kbGaps: await count('SELECT count(*) AS n FROM kb_gaps'),
    };
  } finally {
    await client.end();
  }
}

/** How many of `total` fall on turn `i` of `turns` when spread evenly (0, 1, ... so the sum is exact). */
const share = (i: number, total: number, turns: number) => Math.floor(((i + 1) * total) / turns) - Math.floor((i * total) / turns);

/**
 * The baseline of `pg-engine`: one node-postgres connection issuing, per turn, the statements PgStore issues
 * (the SQL text is copied from pg-store.ts and pg-turn.ts), in the same transactions: accept (dedupe look-up,
 * user and conversation upserts, the message), commit (conversation locked and version checked, ticket from
 * the counter row, events, replies with their outbox rows, conversation updated, message marked answered,
 * knowledge gap), then each reply marked sent. No reads to decide, no decision, no claims. Returns turns/s.
 */
export async function bareTurnsPerSecond(url: string, shape: TurnShape, turns: number, conversations: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const versions = new Map<number, number>();
  const tx = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  const q = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows[0];
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < turns; i++) {
      const now = new Date().toISOString();
      const ref = { channel: 'terminal', conversationId: `bare-${i % conversations}`, userId: `bare-user-${i % conversations}` };
      const messageId = `bare-${i}`;
      const { conversationId, inboundId } = await tx(async () => {
        await q('SELECT id, conversation_id FROM messages WHERE channel = $1 AND platform_message_id = $2', [ref.channel, messageId]);
        const user = await q(`INSERT INTO users (channel, platform_user_id, name, email, department, lang, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
           ON CONFLICT (channel, platform_user_id) DO UPDATE SET
             name = coalesce(excluded.name, users.name), email = coalesce(excluded.email, users.email),
             department = coalesce(excluded.department, users.department), lang = coalesce(excluded.lang, users.lang), updated_at = excluded.updated_at
           RETURNING id`, [ref.channel, ref.userId, null, null, null, null, now]);
        const conversation = await q(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (channel, platform_conversation_id, thread_id) DO UPDATE SET ref_json = excluded.ref_json
           RETURNING id`, [ref.channel, ref.conversationId, '', JSON.stringify(ref), user.id, now]);
        const row = await q(`INSERT INTO messages (conversation_id, direction, channel, platform_message_id, author, text, payload_json, created_at)
           VALUES ($1, 'in', $2, $3, $4, $5, $6, $7)
           ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING RETURNING id`,
        [conversation.id, ref.channel, messageId, `user:${user.id}`, 'my laptop will not turn on after the update', null, now]);
        return { conversationId: Number(conversation.id), inboundId: Number(row.id) };
      });
      const outboxIds = await tx(() => commitTurn(q, i, shape, conversationId, inboundId, versions, JSON.stringify(ref), now));
      for (const id of outboxIds) await client.query("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $1, message_json = '{}', claimed_by = NULL, claimed_until = NULL WHERE id = $2", [new Date().toISOString(), id]);
    }
    return turns / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await client.end();
  }
}

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>>;

/** The statements of applyTurn for turn `i`, with tickets, events, replies and gaps spread as in `shape`. */
async function commitTurn(q: Query, i: number, shape: TurnShape, conversationId: number, inboundId: number, versions: Map<number, number>, refJson: string, now: string): Promise<number[]> {
  const conversation = await q('SELECT * FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
  await q('SELECT processed_at FROM messages WHERE id = $1', [inboundId]);
  if (Number(conversation.version) !== (versions.get(conversationId) ?? 0)) throw new Error('bare turn: version moved');
  let ticketId: number | null = conversation.ticket_id === null ? null : Number(conversation.ticket_id);
  let number: string | null = null;
  if (share(i, shape.ticketsOpened, shape.turns) > 0) {
    const counter = await q('INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value', ['INC']);
    number = `INC-${String(counter.value).padStart(6, '0')}`;
    const row = await q(`INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id,
         summary, description, lang, slots_json, classification_json, kb_json, group_name, response_due_at, resolve_due_at,
         resolved_at, closed_at, escalated_at, created_at, updated_at, major_incident_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id`,
    [number, 'incident', 'hardware', 3, 2, 'P4', 'new', conversation.user_id, conversationId, 'Laptop will not turn on', 'my laptop will not turn on after the update',
      'en', '{}', null, '[]', null, now, now, null, null, null, now, now, null]);
    ticketId = Number(row.id);
  }
  for (let e = 0; e < share(i, shape.ticketEvents, shape.turns) && ticketId !== null; e++) {
    await q('INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES ($1, $2, $3, $4, $5)', [ticketId, now, 'bot', 'opened', '{}']);
  }
  if (number) await q('SELECT * FROM tickets WHERE id = $1', [ticketId]);
  const outboxIds: number[] = [];
  for (let r = 0; r < share(i, shape.outboxRows, shape.turns); r++) {
    const message = JSON.stringify({ kind: 'text', text: `Logged as ${number ?? 'INC-000000'}. An engineer will contact you.` });
    const outbox = await q('INSERT INTO outbox (conversation_id, ref_json, message_json, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [conversationId, refJson, message, now, now]);
    outboxIds.push(Number(outbox.id));
    await q(`INSERT INTO messages (conversation_id, direction, channel, author, text, payload_json, outbox_id, created_at)
       VALUES ($1, 'out', $2, 'bot', '', $3, $4, $5)`, [conversationId, 'terminal', message, outbox.id, now]);
  }
  await q(`UPDATE conversations SET mode = $1, lang = $2, state_json = $3, ticket_id = $4, version = version + 1, updated_at = $5
     WHERE id = $6 RETURNING *`, ['bot', 'en', JSON.stringify({ phase: 'ticket_open' }), ticketId, now, conversationId]);
  versions.set(conversationId, (versions.get(conversationId) ?? 0) + 1);
  await q('UPDATE messages SET processed_at = $1 WHERE id = $2', [now, inboundId]);
  if (share(i, shape.kbGaps, shape.turns) > 0) {
    await q('INSERT INTO kb_gaps (at, conversation_id, channel, lang, query, category) VALUES ($1, $2, $3, $4, $5, $6)',
      [now, conversationId, 'terminal', 'en', 'laptop will not turn on', null]);
  }
  return outboxIds;
}
