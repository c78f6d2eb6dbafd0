import type Database from 'better-sqlite3';
import { ApiProblem } from './problem';
import type { TicketListQuery, TicketPage, z } from './schemas';
import { prepared } from '../store/statement-cache';
import { TICKET_SELECT, ticketsOut, type TicketRow } from './ticket-view';

/** An opaque cursor: the id of the last ticket of the page (newest first, so new tickets never shift a page). */
function decodeCursor(cursor: string): number {
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^t:/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiProblem(400, 'bad-cursor', 'cursor: pass nextCursor from the previous page unchanged');
  return id;
}

const encodeCursor = (id: number) => Buffer.from(`t:${id}`).toString('base64url');

/**
 * One page of tickets, newest first, by id. Paging by "id below the last one seen" keeps pages stable while
 * tickets are created: new ones get higher ids and appear only on a fresh first page, never twice or
 * in place of another. Each filter has an index (migration 13) so a page costs a short index walk.
 */
export function listTickets(db: Database.Database, query: z.infer<typeof TicketListQuery>, people: boolean): z.infer<typeof TicketPage> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    args.push(value);
  };
  if (query.status) add('t.status = ?', query.status);
  if (query.priority) add('t.priority = ?', query.priority);
  if (query.category) add('t.category = ?', query.category);
  if (query.group) add('t.group_name = ?', query.group);
  if (query.assignee) add('t.agent_id = ?', query.assignee);
  if (query.updatedSince) add('t.updated_at >= ?', query.updatedSince);
  if (query.cursor) add('t.id < ?', decodeCursor(query.cursor));
  const sql = `${TICKET_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT ?`;
  const rows = prepared(db, sql).all(...args, query.limit + 1) as TicketRow[];
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { data: ticketsOut(db, page, people), nextCursor: more ? encodeCursor(Number(page[page.length - 1].id)) : null };
}
