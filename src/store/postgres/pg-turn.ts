import { ConflictError, TurnTakenError } from '../../errors';
import type { OutboundMessage } from '../../types/conversation';
import { TicketDraft as TicketDraftSchema } from '../../types/ticket';
import { toConversation, toTicket } from '../rows';
import type { TicketChange, TurnCommit, TurnResult } from '../store';
import { fillTicket, formatNumber, ticketPrefix, ticketUpdateValues } from '../turn-parts';
import type { PgQueries } from './pg-database';

/**
 * Apply one turn inside the caller's transaction. The conversation row is locked first (FOR UPDATE) and its
 * version checked: a turn decided on an older version is refused, and two instances cannot both commit
 * a turn on the same version, nor answer a message twice. Every turn locks conversation, then counter: one order, no deadlock.
 */
export async function applyTurn(tx: PgQueries, commit: TurnCommit): Promise<TurnResult> {
  const conversation = await tx.one('SELECT * FROM conversations WHERE id = $1 FOR UPDATE', [commit.conversationId]);
  // Checked under the conversation's lock: an instance whose claim ran out while it decided must not answer
  // a message that the instance which took the claim over has answered meanwhile (on any version).
  if (commit.inboundMessageId !== undefined) {
    const message = await tx.one('SELECT processed_at FROM messages WHERE id = $1', [commit.inboundMessageId]);
    if (message && message.processed_at !== null) throw new TurnTakenError(`message ${commit.inboundMessageId} was answered already`);
  }
  if (!conversation || Number(conversation.version) !== commit.expectedVersion) {
    throw new ConflictError(`conversation ${commit.conversationId} changed since it was read; decide the turn again`);
  }
  let openedTicketId: number | null = null;
  let ticketId = conversation.ticket_id === null ? null : Number(conversation.ticket_id);
  for (const change of commit.tickets) {
    const id = await applyTicketChange(tx, change, Number(conversation.user_id), commit.conversationId, commit.now);
    if (change.kind === 'open') openedTicketId = ticketId = id;
  }
  for (const event of commit.events) {
    const target = event.ticketId === 'new' ? openedTicketId : event.ticketId;
    if (target === null) throw new Error(`turn event ${event.kind} refers to a new ticket but the turn opened none`);
    await tx.run('INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES ($1, $2, $3, $4, $5)',
      [target, commit.now, event.actor, event.kind, JSON.stringify(event.data)]);
  }
  if (commit.userProfile) {
    // Only the fields the record lacks: what the directory or the platform said stays.
    const p = commit.userProfile;
    await tx.run('UPDATE users SET name = coalesce(name, $1), email = coalesce(email, $2), department = coalesce(department, $3), updated_at = $4 WHERE id = $5',
      [p.name ?? null, p.email ?? null, p.department ?? null, commit.now, Number(conversation.user_id)]);
  }
  const opened = openedTicketId === null ? null : await tx.one('SELECT * FROM tickets WHERE id = $1', [openedTicketId]);
  const openedNumber = opened ? String(opened.number) : null;
  const ref = String(conversation.ref_json);
  const outboxIds: number[] = [];
  for (const message of commit.outbound) outboxIds.push(await enqueue(tx, commit.conversationId, ref, fillTicket(message, openedNumber), commit.now));
  const updated = await tx.one(
    `UPDATE conversations SET mode = $1, lang = $2, state_json = $3, ticket_id = $4, version = version + 1, updated_at = $5
     WHERE id = $6 RETURNING *`,
    [commit.mode, commit.lang, JSON.stringify(commit.state), ticketId, commit.now, commit.conversationId],
  );
  if (commit.inboundMessageId !== undefined) {
    await tx.run('UPDATE messages SET processed_at = $1 WHERE id = $2', [commit.now, commit.inboundMessageId]);
  }
  if (commit.kbGap) {
    await tx.run('INSERT INTO kb_gaps (at, conversation_id, channel, lang, query, category) VALUES ($1, $2, $3, $4, $5, $6)',
      [commit.now, commit.conversationId, String(conversation.channel), commit.kbGap.lang, commit.kbGap.query, commit.kbGap.category ?? null]);
  }
  if (commit.kbAnswer) {
    await tx.run('INSERT INTO kb_answers (at, conversation_id, channel, lang, category, articles_json) VALUES ($1, $2, $3, $4, $5, $6)',
      [commit.now, commit.conversationId, String(conversation.channel), commit.kbAnswer.lang, commit.kbAnswer.category ?? null, JSON.stringify(commit.kbAnswer.articles)]);
  }
  if (commit.kbAnswerRating) {
    const { score = null, comment = null } = commit.kbAnswerRating;
    await tx.run(`UPDATE kb_answers SET csat = coalesce($1, csat), csat_comment = coalesce($2, csat_comment)
      WHERE id = (SELECT max(id) FROM kb_answers WHERE conversation_id = $3)`, [score, comment, commit.conversationId]);
  }
  return { conversation: toConversation(updated!), openedTicket: opened ? toTicket(opened) : null, outboxIds };
}

async function applyTicketChange(tx: PgQueries, change: TicketChange, requesterId: number, conversationId: number, now: string): Promise<number> {
  if (change.kind === 'open') return insertTicket(tx, TicketDraftSchema.parse(change.draft), requesterId, conversationId, now);
  const { columns, values } = ticketUpdateValues(change.fields);
  const sets = [...columns, 'updated_at'].map((column, i) => `${column} = $${i + 1}`);
  await tx.run(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $${sets.length + 1}`, [...values, now, change.ticketId]);
  return change.ticketId;
}

/**
 * The number comes from a counter row bumped in the turn's transaction, not a sequence: the row stays locked
 * until commit, so concurrent turns get consecutive numbers, and a rolled-back turn gives its number back.
 */
async function insertTicket(tx: PgQueries, draft: ReturnType<typeof TicketDraftSchema.parse>, requesterId: number, conversationId: number, now: string): Promise<number> {
  const prefix = ticketPrefix(draft.type);
  const counter = await tx.one(
    'INSERT INTO counters (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value', [prefix]);
  const row = await tx.one(
    `INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id,
       summary, description, lang, slots_json, classification_json, kb_json, group_name, response_due_at, resolve_due_at,
       resolved_at, closed_at, escalated_at, created_at, updated_at, major_incident_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id`,
    [formatNumber(prefix, counter!.value), draft.type, draft.category, draft.impact, draft.urgency, draft.priority, draft.status, requesterId,
      conversationId, draft.summary, draft.description, draft.lang, JSON.stringify(draft.slots),
      draft.classification ? JSON.stringify(draft.classification) : null, JSON.stringify(draft.kbArticles),
      draft.group ?? null, draft.responseDueAt, draft.resolveDueAt,
      // A ticket born closed (solved by self-service) or escalated gets those times from its birth.
      draft.status === 'closed' ? now : null, draft.status === 'closed' ? now : null, draft.status === 'escalated' ? now : null, now, now, draft.knownProblemId ?? null],
  );
  return Number(row!.id);
}

/** Queue one delivery (outbox row plus its transcript copy) inside the caller's transaction. */
export async function enqueue(tx: PgQueries, conversationId: number, refJson: string, message: OutboundMessage, now: string): Promise<number> {
  const outbox = await tx.one('INSERT INTO outbox (conversation_id, ref_json, message_json, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [conversationId, refJson, JSON.stringify(message), now, now]);
  const outboxId = Number(outbox!.id);
  // Text empty: the reply is stored once, as its payload (rows.ts derives the plain text when read).
  await tx.run(`INSERT INTO messages (conversation_id, direction, channel, author, text, payload_json, outbox_id, created_at)
     VALUES ($1, 'out', $2, 'bot', '', $3, $4, $5)`, [conversationId, JSON.parse(refJson).channel, JSON.stringify(message), outboxId, now]);
  return outboxId;
}
