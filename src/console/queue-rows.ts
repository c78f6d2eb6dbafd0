import type { Agent } from '../store/agent-store';
import type { Store } from '../store/store';
import type { Ticket } from '../types/ticket';
import { queueItem, type QueueItem } from './views';

/**
 * Queue rows for an agent, with `lastUserAt` on the agent's own tickets: the console's notifications count
 * a requester's reply there as unread. Only owned tickets are looked up, so a page costs a handful of reads.
 */
export async function queueRows(store: Store, agent: Agent, tickets: Ticket[]): Promise<QueueItem[]> {
  return Promise.all(tickets.map(async (t) => {
    const row = queueItem(t);
    if (t.agentId !== agent.id) return row;
    const events = await store.ticketEvents(t.id);
    const last = [...events].reverse().find((e) => e.kind === 'user_message');
    return { ...row, lastUserAt: last?.at ?? null };
  }));
}
