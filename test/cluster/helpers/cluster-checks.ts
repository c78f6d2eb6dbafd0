import { Client } from 'pg';
import type { ChatStream } from './chat-user';

/** One user of the run: the platform message ids of what it sent, in order; a web chat user's stream. */
export type SentChat = { label: string; keys: string[]; stream?: ChatStream };

/** What the database and the streams show after a run; every count but the figures should be 0. */
export type ClusterChecks = {
  inbound: number; outbound: number; sentReplies: number; tickets: number;
  /** Accepted messages not stored exactly once, or stored but never answered by a reply after them. */
  lost: number; unprocessed: number; pendingOutbox: number;
  /** Replies repeating one the conversation already got (a turn or notice run twice); replies a stream received more than once. */
  duplicateReplies: number; streamRepeats: number;
  /** User messages stored out of their send order; replies a stream first saw before an earlier reply. */
  orderViolations: number;
  /** Ticket numbers repeated, missing from 1..n per prefix, or a counter that disagrees. */
  ticketProblems: string[];
  /** Sent replies that never reached their conversation's stream. */
  unseenReplies: number;
  examples: string[];
};

/** Read the run's database (PostgreSQL) and compare it with what the users sent and their streams saw. */
export async function checkCluster(url: string, chats: SentChat[]): Promise<ClusterChecks> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const examples: string[] = [];
    const rows = (await db.query<{ id: string; conversation_id: string; direction: string; platform_message_id: string | null; author: string; outbox_id: string | null; payload: string }>(
      "SELECT id, conversation_id, direction, platform_message_id, author, outbox_id, coalesce(payload_json, '') AS payload FROM messages ORDER BY conversation_id, id")).rows;
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) if (r.direction === 'in' && r.platform_message_id) byKey.set(r.platform_message_id, [...(byKey.get(r.platform_message_id) ?? []), r]);
    const byConversation = new Map<string, typeof rows>();
    for (const r of rows) byConversation.set(r.conversation_id, [...(byConversation.get(r.conversation_id) ?? []), r]);
    const sent = (await db.query<{ id: string; conversation_id: string }>("SELECT id, conversation_id FROM outbox WHERE status = 'sent' ORDER BY id")).rows;
    let lost = 0; let duplicateReplies = 0; let orderViolations = 0; let unseenReplies = 0; let streamRepeats = 0;
    for (const chat of chats) {
      const stored = chat.keys.map((key) => byKey.get(key) ?? []);
      const missing = stored.filter((s) => s.length !== 1).length;
      if (missing > 0) examples.push(`${chat.label}: ${missing} messages not stored exactly once`);
      lost += missing;
      const conversationId = stored.find((s) => s.length > 0)?.[0].conversation_id;
      if (!conversationId) continue;
      // The transcript: each user message is followed by at least one bot reply before the next user message;
      // a turn sends several (ticket logged, steps card), so a duplicate is a reply whose content the same
      // user message already got (a turn or a background notice run twice; later turns may repeat a text).
      const transcript = byConversation.get(conversationId)!;
      const ids = stored.flatMap((s) => s.map((r) => Number(r.id)));
      if (ids.some((id, i) => i > 0 && id < ids[i - 1])) { orderViolations++; examples.push(`${chat.label}: user messages stored out of order`); }
      transcript.forEach((r, i) => {
        if (r.direction === 'in' && transcript[i + 1]?.direction !== 'out') { lost++; examples.push(`${chat.label}: message ${r.id} has no reply`); }
      });
      let contents = new Set<string>();
      for (const r of transcript) {
        if (r.direction === 'in') contents = new Set<string>();
        else if (contents.has(r.payload)) { duplicateReplies++; examples.push(`${chat.label}: reply ${r.outbox_id} repeats ${r.payload.slice(0, 120)}`); }
        else contents.add(r.payload);
      }
      // The stream: every sent reply of its conversation, each id once, first seen in id order.
      const stream = chat.stream;
      if (!stream) continue;
      const mine = sent.filter((s) => s.conversation_id === conversationId).map((s) => Number(s.id));
      const unseen = mine.filter((id) => !stream.seen.has(id));
      if (unseen.length > 0) examples.push(`${chat.label}: replies ${unseen.join(',')} never reached the stream`);
      unseenReplies += unseen.length;
      for (const n of stream.seen.values()) streamRepeats += n - 1;
      const firstSeen = mine.filter((id) => stream.firstSeenAt.has(id)).map((id) => stream.firstSeenAt.get(id)!);
      if (firstSeen.some((t, i) => i > 0 && t < firstSeen[i - 1])) { orderViolations++; examples.push(`${chat.label}: replies arrived out of order`); }
    }
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    return {
      inbound: rows.filter((r) => r.direction === 'in').length,
      outbound: rows.filter((r) => r.direction === 'out').length,
      sentReplies: sent.length,
      tickets: await count('SELECT count(*) AS n FROM tickets'),
      lost, duplicateReplies, streamRepeats, orderViolations, unseenReplies,
      unprocessed: await count("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL"),
      pendingOutbox: await count("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'"),
      ticketProblems: await ticketProblems(db),
      examples: examples.slice(0, 10),
    };
  } finally {
    await db.end();
  }
}

/** Ticket numbers unique, 1..n without gaps per prefix, and equal to their counter. */
async function ticketProblems(db: Client): Promise<string[]> {
  const problems: string[] = [];
  const numbers = (await db.query<{ number: string }>('SELECT number FROM tickets')).rows.map((r) => r.number);
  if (new Set(numbers).size !== numbers.length) problems.push(`${numbers.length - new Set(numbers).size} duplicate ticket numbers`);
  const prefixes = new Set(numbers.map((n) => n.split('-')[0]));
  for (const prefix of prefixes) {
    const mine = numbers.filter((n) => n.startsWith(`${prefix}-`)).map((n) => Number(n.slice(prefix.length + 1))).sort((a, b) => a - b);
    const gaps = mine.filter((n, i) => n !== i + 1).length;
    if (gaps > 0) problems.push(`${prefix} numbers have gaps: ${mine.slice(0, 10).join(',')}...`);
    const counter = Number((await db.query<{ value: string }>('SELECT value FROM counters WHERE name = $1', [prefix])).rows[0]?.value ?? 0);
    if (counter !== mine.length) problems.push(`${prefix} counter ${counter} but ${mine.length} tickets`);
  }
  return problems;
}
