import type { Agent } from '../store/agent-store';
import type { SlaStore } from '../store/sla-store';
import type { Store } from '../store/store';
import type { Ticket } from '../types/ticket';
import { queueItem, type QueueItem } from './views';

/**
 * Queue rows for an agent: `pausedMs`, the wall time of the ticket's ended SLA pauses (the countdowns leave
 * it out, as the SLA monitor does), and `lastUserAt` on the agent's own tickets, which the console's
 * notifications count as unread. Only owned tickets are read for it, so a page costs a handful of reads.
 */
export async function queueRows(store: Store, agent: Agent, tickets: Ticket[], slaStore?: Pick<SlaStore, 'pauses'>): Promise<QueueItem[]> {
  const pauses = slaStore && tickets.length ? await slaStore.pauses(tickets.map((t) => t.id)) : new Map();
  return Promise.all(tickets.map(async (t) => {
    const pausedMs = (pauses.get(t.id) ?? []).reduce((sum: number, p: { from: string; to: string | null }) => sum + (p.to ? Math.max(0, Date.parse(p.to) - Date.parse(p.from)) : 0), 0);
    const row = { ...queueItem(t), pausedMs };
    if (t.agentId !== agent.id) return row;
    const events = await store.ticketEvents(t.id);
    const last = [...events].reverse().find((e) => e.kind === 'user_message');
    return { ...row, lastUserAt: last?.at ?? null };
  }));
}
