import { z } from 'zod';
import { HttpError } from '../http/body';
import { AgentId, GroupName, type Agent } from '../store/agent-store';
import { Priority, TicketStatus, type Ticket } from '../types/ticket';
import { splitTagSearch, Tag } from '../tickets/tags';

/** The queue's status views: `waiting` (what needs an agent), `all`, or one status (resolved, closed...). */
export const QueueStatus = z.enum(['waiting', 'all', ...TicketStatus.options]);

/** Orders of the queue: priority then response due time (the desk's default), due time, newest, oldest, last update. */
export const QueueSort = z.enum(['priority', 'due', 'newest', 'oldest', 'updated']);

/** A search of the console's queue, as the page sends it in the query string. */
export const QueueQuery = z.object({
  q: z.string().trim().max(200).default(''),
  status: QueueStatus.default('waiting'),
  priority: Priority.optional(),
  group: GroupName.optional(),
  assignee: z.union([z.enum(['mine', 'unassigned']), AgentId]).optional(),
  sort: QueueSort.default('priority'),
  /** `at_risk`: running clocks with 75% or more of their target used (breached ones included). */
  sla: z.enum(['at_risk']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** `me`: only the tickets the asking agent watches. */
  watching: z.enum(['me']).optional(),
  /** Only tickets with this tag (as `tag:vpn` in q). */
  tag: Tag.optional(),
}).transform(({ tag, ...query }) => {
  // `tag:vpn` words in the search are filters, not text to look for; every tag named must be on the ticket.
  const split = splitTagSearch(query.q);
  return { ...query, q: split.text, tags: [...new Set([...(tag ? [tag] : []), ...split.tags])] };
});
export type QueueQuery = z.infer<typeof QueueQuery>;

/** Who searches: the groups they may see (all when null) and their id (for `assignee=mine`). */
export type QueueScope = { groups: readonly string[] | null; agentId: string; now?: string };

/** Share of an SLA target from which a ticket counts as at risk (the SLA monitor warns there too). */
export const AT_RISK_SHARE = 0.75;

/** One page of the queue and how many tickets match in all. */
export type QueuePage = { tickets: Ticket[]; total: number; page: number; pageSize: number };

/** Parse the query string of GET /console/api/queue; a bad value is a 400 naming the parameter. */
export function parseQueueQuery(search: URLSearchParams): QueueQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) if (value !== '') raw[key] = value;
  const parsed = QueueQuery.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The scope of an agent: admins see every group. */
export function scopeOf(agent: Agent): QueueScope {
  return { groups: agent.role === 'admin' ? null : agent.groups, agentId: agent.id };
}
