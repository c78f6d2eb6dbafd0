import { ApiProblem } from './problem';
import type { TicketListQuery, TicketPage, z } from './schemas';
import type { TicketQueryStore } from './ticket-query-store';
import { viewTickets } from './ticket-view';

/** An opaque cursor: the id of the last ticket of the page (newest first, so new tickets never shift a page). */
function decodeCursor(cursor: string): number {
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^t:/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiProblem(400, 'bad-cursor', 'cursor: pass nextCursor from the previous page unchanged');
  return id;
}

const encodeCursor = (id: number) => Buffer.from(`t:${id}`).toString('base64url');

/** `updatedSince` as a full ISO time (both databases compare it alike), or a 400 for text that is no time. */
function sinceOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ApiProblem(400, 'bad-updated-since', 'updatedSince: give an ISO 8601 time such as 2026-12-06T09:30:00Z');
  return new Date(ms).toISOString();
}

/**
 * One page of tickets, newest first, by id. Paging by "id below the last one seen" keeps pages stable while
 * tickets are created: new ones get higher ids and appear only on a fresh first page, never twice or
 * in place of another.
 */
export async function listTickets(queries: TicketQueryStore, query: z.infer<typeof TicketListQuery>, people: boolean): Promise<z.infer<typeof TicketPage>> {
  const found = await queries.listTickets({
    status: query.status, priority: query.priority, category: query.category, group: query.group, assignee: query.assignee,
    updatedSince: sinceOf(query.updatedSince), beforeId: query.cursor ? decodeCursor(query.cursor) : undefined,
  }, query.limit + 1);
  const more = found.length > query.limit;
  const page = more ? found.slice(0, query.limit) : found;
  return { data: await viewTickets(queries, page, people), nextCursor: more ? encodeCursor(page[page.length - 1].ticket.id) : null };
}
