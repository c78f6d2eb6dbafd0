import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { EngineEvents } from '../../src/engine/engine';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { TicketChange } from '../../src/store/store';
import type { ChannelName, Lang } from '../../src/types/conversation';
import type { Category, Priority, Ticket, TicketStatus } from '../../src/types/ticket';
import { tempDir } from '../helpers/test-app';

/** A real SQLite store in a temp folder; `reopen` opens a second connection on the same file (a restart). */
export function testStore() {
  const tmp = tempDir('frontdesk-sla-');
  const file = path.join(tmp.dir, 'sla.db');
  const opened: SqliteStore[] = [];
  const open = () => {
    const s = new SqliteStore(file);
    opened.push(s);
    return s;
  };
  return {
    store: open(),
    reopen: open,
    async cleanup() {
      for (const s of opened) await s.close();
      tmp.cleanup();
    },
  };
}

/** What a test ticket looks like; everything but the user and text has a default. */
export type TicketSpec = {
  user: string;
  text: string;
  at: Date;
  channel?: ChannelName;
  conversation?: string;
  email?: string;
  category?: Category;
  priority?: Priority;
  urgency?: 1 | 2 | 3;
  status?: TicketStatus;
  lang?: Lang;
  type?: 'incident' | 'service_request';
  /** Minutes after `at`; default P2 targets (30 min, 8 h). */
  respondMin?: number;
  resolveMin?: number;
};

let n = 0;
const plus = (d: Date, min: number) => new Date(d.getTime() + min * 60_000).toISOString();

/** A ticket logged by a bot turn on the user's conversation (phase ticket_open, one "logged" reply). */
export async function openTicket(store: SqliteStore, spec: TicketSpec): Promise<Ticket> {
  const channel = spec.channel ?? 'webchat';
  const ref = { channel, conversationId: spec.conversation ?? `${channel}:${spec.user}`, userId: spec.user };
  const inbound = await store.acceptInbound({ ref, platformMessageId: `m${++n}`, text: spec.text, user: spec.email ? { email: spec.email } : undefined }, spec.at.toISOString());
  const conversation = (await store.getConversation(inbound.conversationId))!;
  const lang = spec.lang ?? 'en';
  const result = await store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: inbound.messageId,
    mode: 'bot', lang, state: { phase: 'ticket_open', greeted: true }, now: spec.at.toISOString(),
    tickets: [{ kind: 'open', draft: {
      type: spec.type ?? 'incident', category: spec.category ?? 'network', impact: 3, urgency: spec.urgency ?? 2, priority: spec.priority ?? 'P4',
      summary: spec.text.slice(0, 80), description: spec.text, lang, group: 'network', status: spec.status ?? 'new',
      responseDueAt: plus(spec.at, spec.respondMin ?? 30), resolveDueAt: plus(spec.at, spec.resolveMin ?? 480),
    } }],
    events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: {} }],
    outbound: [{ kind: 'text', text: 'logged {ticket}' }],
  });
  return result.openedTicket!;
}

/** Change a ticket as an agent action would (through its conversation). */
export async function updateTicket(store: SqliteStore, ticket: Ticket, fields: Extract<TicketChange, { kind: 'update' }>['fields'], at: Date): Promise<void> {
  const conversation = (await store.getConversation(ticket.conversationId))!;
  await store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang: conversation.lang,
    state: conversation.state, tickets: [{ kind: 'update', ticketId: ticket.id, fields }], events: [], outbound: [], now: at.toISOString(),
  });
}

/** Messages sent to a conversation after the "logged" acknowledgement, as stored payloads. */
export async function laterMessages(store: SqliteStore, conversationId: number) {
  const out = (await store.transcript(conversationId)).filter((m) => m.direction === 'out').slice(1);
  return out.map((m) => ({ ...(m.payload as { kind: string; text: string; choices?: { value: string }[] }), outboxId: m.outboxId }));
}

/** Event kinds of a ticket, in order. */
export async function eventKinds(store: SqliteStore, ticketId: number): Promise<string[]> {
  return (await store.ticketEvents(ticketId)).map((e) => e.kind);
}

/** An engine-like event hub that counts `committed` announcements. */
export function eventHub() {
  const events = new EventEmitter<EngineEvents>();
  const committed: number[] = [];
  events.on('committed', (r) => committed.push(r.conversation.id));
  return { engine: { events }, committed };
}
