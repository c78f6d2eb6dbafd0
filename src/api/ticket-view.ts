import type Database from 'better-sqlite3';
import { toTicket, type Row } from '../store/rows';
import { prepared } from '../store/statement-cache';
import type { Ticket } from '../types/ticket';
import type { z } from './schemas';
import type { TicketOut } from './schemas';
import type { TicketQueryStore, TicketWithIncident } from './ticket-query-store';

/** A ticket row with its major incident number (the list and get queries select `mi_number`). */
export type TicketRow = Row & { mi_number?: string | null };

/** The columns every ticket read selects. */
export const TICKET_SELECT = 'SELECT t.*, mi.number AS mi_number FROM tickets t LEFT JOIN major_incidents mi ON mi.id = t.major_incident_id';

/**
 * A ticket as the API and webhooks show it. Without `people:read` nothing names the requester; with it,
 * their id, channel, name and e-mail are added (looked up in one query per page by the caller).
 */
export function ticketOut(ticket: Ticket, miNumber: string | null, requester?: z.infer<typeof TicketOut>['requester']): z.infer<typeof TicketOut> {
  return {
    number: ticket.number, type: ticket.type, category: ticket.category, priority: ticket.priority, impact: ticket.impact, urgency: ticket.urgency,
    status: ticket.status, summary: ticket.summary, description: ticket.description, lang: ticket.lang, group: ticket.group ?? null,
    assignee: ticket.agentId, conversationId: ticket.conversationId, majorIncident: miNumber,
    createdAt: ticket.createdAt, updatedAt: ticket.updatedAt, responseDueAt: ticket.responseDueAt, resolveDueAt: ticket.resolveDueAt,
    firstResponseAt: ticket.firstResponseAt, resolvedAt: ticket.resolvedAt, closedAt: ticket.closedAt, csat: ticket.csat,
    ...(requester ? { requester } : {}),
  };
}

/** Tickets as the API shows them, with their requesters (one query per page) when `people` is set. */
export async function viewTickets(queries: TicketQueryStore, items: readonly TicketWithIncident[], people: boolean): Promise<z.infer<typeof TicketOut>[]> {
  const requesters = new Map((people && items.length > 0 ? await queries.requesters(items.map((i) => i.ticket.requesterId)) : []).map((r) => [r.id, r]));
  return items.map((i) => ticketOut(i.ticket, i.miNumber, people ? requesters.get(i.ticket.requesterId) : undefined));
}

/** One ticket by number, as the API shows it, or null. */
export async function viewTicket(queries: TicketQueryStore, number: string, people: boolean): Promise<z.infer<typeof TicketOut> | null> {
  const found = await queries.ticketByNumber(number);
  return found ? (await viewTickets(queries, [found], people))[0] : null;
}

/** Tickets of some SQLite rows as the API shows them, with requesters when `people` is set (webhook payloads). */
export function ticketsOut(db: Database.Database, rows: TicketRow[], people: boolean): z.infer<typeof TicketOut>[] {
  const requesters = new Map<number, z.infer<typeof TicketOut>['requester']>();
  if (people && rows.length > 0) {
    const ids = [...new Set(rows.map((r) => Number(r.requester_id)))];
    // One cached statement per requester: a page names few people, and a fixed SQL text is compiled once.
    const users = ids.map((id) => prepared(db, 'SELECT id, channel, name, email FROM users WHERE id = ?').get(id) as Row | undefined).filter((u): u is Row => u !== undefined);
    for (const u of users) requesters.set(Number(u.id), { id: Number(u.id), channel: String(u.channel), name: u.name === null ? null : String(u.name), email: u.email === null ? null : String(u.email) });
  }
  return rows.map((r) => ticketOut(toTicket(r), r.mi_number ?? null, people ? requesters.get(Number(r.requester_id)) : undefined));
}
