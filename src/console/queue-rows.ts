import type { Agent } from '../store/agent-store';
import type { SlaStore } from '../store/sla-store';
import type { Store } from '../store/store';
import type { Ticket } from '../types/ticket';
import type { WatcherStore } from '../store/watcher-store';
import { queueItem, type QueueItem } from './views';

/**
 * Queue rows for an agent: `pausedMs`, the wall time of the ticket's ended SLA pauses (the countdowns leave
 * it out, as the SLA monitor does), and `lastUserAt` on the agent's own tickets, which the console's
 * notifications count as unread; on tickets the agent watches, `watched` and `lastActivityAt` (the last reply or change
 * of status by someone else). Only owned and watched tickets are read for it, so a page costs a handful of reads.
 */
export async function queueRows(
  store: Store, agent: Agent, tickets: Ticket[], slaStore?: Pick<SlaStore, 'pauses'>, watchers?: Pick<WatcherStore, 'watchedAmong'>,
): Promise<QueueItem[]> {
  const ids = tickets.map((t) => t.id);
  const [pauses, watched] = await Promise.all([
    slaStore && tickets.length ? slaStore.pauses(ids) : new Map(),
    watchers ? watchers.watchedAmong(agent.id, ids) : new Set<number>(),
  ]);
  return Promise.all(tickets.map(async (t) => {
    const pausedMs = (pauses.get(t.id) ?? []).reduce((sum: number, p: { from: string; to: string | null }) => sum + (p.to ? Math.max(0, Date.parse(p.to) - Date.parse(p.from)) : 0), 0);
    const row = { ...queueItem(t), pausedMs };
    const owned = t.agentId === agent.id;
    if (!owned && !watched.has(t.id)) return row;
    const events = [...(await store.ticketEvents(t.id))].reverse();
    const lastUserAt = owned ? events.find((e) => e.kind === 'user_message')?.at ?? null : undefined;
    if (!watched.has(t.id)) return { ...row, lastUserAt };
    // A watcher's own doings are not news to them.
    const activity = events.find((e) => WATCHED_KINDS.has(e.kind) && e.actor !== `agent:${agent.id}`);
    return { ...row, ...(owned ? { lastUserAt } : {}), watched: true, lastActivityAt: activity?.at ?? null };
  }));
}

/** What a watcher is told of: replies (the user's and agents') and changes of status. */
const WATCHED_KINDS = new Set(['user_message', 'user_comment', 'agent_reply', 'escalated', 'taken_over', 'released', 'transferred', 'pending', 'resumed',
  'resolved', 'reopened', 'closed', 'merged_into', 'major_incident_resolved', 'fulfilled', 'withdrawn', 'self_service_resolved']);
