import type { Store } from '../store/store';
import type { Ticket, TicketEvent } from '../types/ticket';
import type { ConversationLine } from './ticket-context';

/** An audit line as the console shows it; `from` names the merged duplicate it came from. */
export type ViewEvent = Pick<TicketEvent, 'id' | 'at' | 'actor' | 'kind' | 'data'> & { from?: string };

/** A person following a ticket because their duplicate was merged into it. */
export type Watcher = { name: string | null; email: string | null; channel: string; from: string };

/**
 * What moved over to a ticket from the duplicates merged into it (its `merged_from` events): their
 * conversations and audit logs, marked with the duplicate's number, and their requesters as watchers
 * when another person. A duplicate on the target's own conversation adds no transcript (it is there already).
 */
export async function mergedParts(store: Store, ticket: Ticket, events: TicketEvent[]) {
  const lines: (ConversationLine & { from: string })[] = [];
  const moved: ViewEvent[] = [];
  const watchers: Watcher[] = [];
  for (const e of events.filter((x) => x.kind === 'merged_from')) {
    const duplicate = await store.getTicketByNumber(String(e.data.ticket));
    if (!duplicate) continue;
    const from = duplicate.number;
    const [transcript, log, user] = await Promise.all([
      duplicate.conversationId === ticket.conversationId ? [] : store.transcript(duplicate.conversationId),
      store.ticketEvents(duplicate.id),
      e.data.watcher ? store.getUser(duplicate.requesterId) : null,
    ]);
    for (const m of transcript) {
      lines.push({
        id: `${from}-${m.id}`, direction: m.direction, text: m.text, author: m.author, delivery: m.delivery as string | null, createdAt: m.createdAt,
        agent: m.direction === 'out' ? ((m.payload as { agent?: string } | null)?.agent ?? null) : null, internal: false, from,
      });
    }
    for (const x of log) moved.push({ id: x.id, at: x.at, actor: x.actor, kind: x.kind, data: x.data, from });
    if (user) watchers.push({ name: user.name ?? null, email: user.email ?? null, channel: user.channel, from });
  }
  return { lines, events: moved, watchers };
}
