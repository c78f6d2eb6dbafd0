import type { Client } from 'pg';
import type { SlackApiStandIn } from '../../slack/helpers/slack-api-stand-in';
import type { SentChat } from './cluster-checks';

/** A ticket's part in a background run (see ROLES in background-run.ts). */
export type Role = 'sla' | 'remind1' | 'remind2' | 'close';

/** Expected, found once, missing and repeated: the count of one kind of notice. */
export type Tally = { expected: number; once: number; missing: number; duplicates: number };

/** What the database, the streams and the Slack stand-in show of the background notices; every miss and duplicate should be 0. */
export type BackgroundChecks = {
  /** Events on the tickets' trails: SLA warning, breach, the escalation it made, "Is it fixed?" reminders, auto-close. */
  trail: Record<'warning' | 'breach' | 'escalation' | 'reminder' | 'autoClose', Tally>;
  /** The user's side: notices in the transcript, and the web chat streams that received them. */
  transcript: Tally; streams: Tally;
  /** The agents' side: the escalation card in the tier-2 Slack channel; copies posted by a SIGKILLed process counted apart. */
  tier2: Tally & { inflightResends: number };
  examples: string[];
};

type RunTicket = { id: number; number: string; conversationId: number; role: Role };

const tally = (): Tally => ({ expected: 0, once: 0, missing: 0, duplicates: 0 });

function count(t: Tally, expected: number, found: number, what: string, examples: string[]): void {
  t.expected += expected;
  t.once += Math.min(expected, found);
  if (found < expected) { t.missing += expected - found; examples.push(`${what}: ${found} of ${expected}`); }
  if (found > expected) { t.duplicates += found - expected; examples.push(`${what}: ${found}, expected ${expected}`); }
}

/** The notices each role must produce exactly once (all others: none). */
const EXPECTED: Record<Role, { warning: number; breach: number; reminder1: number; reminder2: number; autoClose: number; toUser: number }> = {
  sla: { warning: 1, breach: 1, reminder1: 0, reminder2: 0, autoClose: 0, toUser: 1 },
  remind1: { warning: 0, breach: 0, reminder1: 1, reminder2: 0, autoClose: 0, toUser: 1 },
  remind2: { warning: 0, breach: 0, reminder1: 1, reminder2: 1, autoClose: 0, toUser: 2 },
  close: { warning: 0, breach: 0, reminder1: 0, reminder2: 1, autoClose: 1, toUser: 2 },
};

/**
 * Count each background notice of a run where it should be: once on the ticket's trail, once in the
 * transcript after `afterMessageId` (the moment the due times were set), once on the user's web chat
 * stream, and for a breach that escalated, one escalation card in the tier-2 channel.
 */
export async function checkBackground(db: Client, tickets: RunTicket[], afterMessageId: number, chats: SentChat[], slack: SlackApiStandIn, killedLabels: Set<string>, tier2: string): Promise<BackgroundChecks> {
  const examples: string[] = [];
  const trail = { warning: tally(), breach: tally(), escalation: tally(), reminder: tally(), autoClose: tally() };
  const transcript = tally();
  const streams = tally();
  const cards = { ...tally(), inflightResends: 0 };
  const streamOf = new Map<number, SentChat>();
  const conversationOfChat = (await db.query<{ id: string; key: string }>("SELECT conversation_id AS id, platform_message_id AS key FROM messages WHERE direction = 'in'")).rows;
  for (const chat of chats) {
    const row = conversationOfChat.find((r) => chat.keys.includes(r.key));
    if (row) streamOf.set(Number(row.id), chat);
  }
  const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === tier2 && !c.args.thread_ts);
  for (const t of tickets) {
    const want = EXPECTED[t.role];
    const events = (await db.query<{ kind: string; data: string }>('SELECT kind, data_json AS data FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [t.id])).rows
      .map((e) => ({ kind: e.kind, data: JSON.parse(e.data) as Record<string, unknown> }));
    const n = (kind: string, match: (d: Record<string, unknown>) => boolean = () => true) => events.filter((e) => e.kind === kind && match(e.data)).length;
    const label = `${t.number} (${t.role})`;
    count(trail.warning, want.warning, n('sla_warning'), `${label} sla_warning events`, examples);
    count(trail.breach, want.breach, n('sla_breached'), `${label} sla_breached events`, examples);
    const escalations = n('escalated', (d) => d.reason === 'sla_breach');
    count(trail.escalation, want.breach, escalations, `${label} escalations by the SLA`, examples);
    count(trail.reminder, want.reminder1, n('confirmation_reminder', (d) => d.n === 1), `${label} first reminders`, examples);
    count(trail.reminder, want.reminder2, n('confirmation_reminder', (d) => d.n === 2), `${label} second reminders`, examples);
    count(trail.autoClose, want.autoClose, n('auto_closed'), `${label} auto_closed events`, examples);
    // The user's side: the notices written to the conversation since the due times were set.
    const out = (await db.query<{ outbox_id: string | null; payload: string }>("SELECT outbox_id, payload_json AS payload FROM messages WHERE conversation_id = $1 AND direction = 'out' AND id > $2 ORDER BY id",
      [t.conversationId, afterMessageId])).rows;
    count(transcript, want.toUser, out.length, `${label} notices to the user`, examples);
    const chat = streamOf.get(t.conversationId);
    if (chat?.stream) {
      for (const m of out) {
        const seen = chat.stream.seen.get(Number(m.outbox_id)) ?? 0;
        count(streams, 1, seen, `${label} reply ${m.outbox_id} on the stream (endings ${JSON.stringify([...chat.stream.endings])})`, examples);
      }
    }
    // The agents' side: the escalation card, posted once to the tier-2 channel.
    if (want.breach && escalations > 0) {
      const mine = posts.filter((c) => new RegExp(`\\b${t.number}\\b`).test(JSON.stringify(c.args)));
      const killed = new Set(mine.map((c) => c.client ?? '').filter((l) => killedLabels.has(l))).size;
      const explained = Math.min(Math.max(0, mine.length - 1), killed);
      cards.inflightResends += explained;
      count(cards, 1, mine.length - explained, `${label} escalation cards in the tier-2 channel`, examples);
    }
  }
  return { trail, transcript, streams, tier2: cards, examples: examples.slice(0, 12) };
}
