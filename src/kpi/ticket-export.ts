import type Database from 'better-sqlite3';
import { toTicket, toTicketEvent, type Row } from '../store/rows';
import type { Ticket, TicketEvent } from '../types/ticket';
import type { Period } from './kpi-data';
import { toCsv } from './format-report';

/** A ticket as exported, with where it came from and who asked. */
export type ExportedTicket = Ticket & { channel: string; requester: { name: string | null; email: string | null; department: string | null } };

/** The CSV columns of `tickets export` (JSON carries the full ticket). */
export const EXPORT_COLUMNS = [
  'number', 'type', 'category', 'priority', 'impact', 'urgency', 'status', 'channel', 'group', 'agent', 'requester_name',
  'requester_email', 'requester_department', 'created_at', 'first_response_at', 'escalated_at', 'resolved_at', 'closed_at',
  'response_due_at', 'resolve_due_at', 'csat', 'summary',
] as const;

/** Tickets created in the period, oldest first, with channel and requester. */
export function exportTickets(db: Database.Database, period: Period): ExportedTicket[] {
  const rows = db.prepare(
    `SELECT t.*, c.channel, u.name AS requester_name, u.email AS requester_email, u.department AS requester_department
     FROM tickets t LEFT JOIN conversations c ON c.id = t.conversation_id LEFT JOIN users u ON u.id = t.requester_id
     WHERE t.created_at >= ? AND t.created_at < ? ORDER BY t.id`,
  ).all(period.from, period.to) as Row[];
  return rows.map(toExportedTicket);
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** A tickets row joined with its channel and requester_name/_email/_department, as exported. */
export function toExportedTicket(r: Row): ExportedTicket {
  return {
    ...toTicket(r),
    channel: String(r.channel ?? 'unknown'),
    requester: { name: text(r.requester_name), email: text(r.requester_email), department: text(r.requester_department) },
  };
}

/** The export as CSV (one ticket a line). */
export function ticketsCsv(tickets: ExportedTicket[]): string {
  return toCsv([...EXPORT_COLUMNS], tickets.map((t) => [
    t.number, t.type, t.category, t.priority, t.impact, t.urgency, t.status, t.channel, t.group ?? null, t.agentId,
    t.requester.name, t.requester.email, t.requester.department, t.createdAt, t.firstResponseAt, t.escalatedAt, t.resolvedAt,
    t.closedAt, t.responseDueAt, t.resolveDueAt, t.csat, t.summary,
  ]));
}

/** One ticket and its append-only audit trail, or null when the number is unknown. */
export function ticketAudit(db: Database.Database, number: string): { ticket: Ticket; events: TicketEvent[] } | null {
  const row = db.prepare('SELECT * FROM tickets WHERE number = ?').get(number.toUpperCase()) as Row | undefined;
  if (!row) return null;
  const events = (db.prepare('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(row.id) as Row[]).map(toTicketEvent);
  return { ticket: toTicket(row), events };
}

/** A short readable rendering of an event's data for the audit view (long texts cut). */
export function describeEventData(data: Record<string, unknown>): string {
  const parts = Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const line = parts.join(' ').replace(/\s+/g, ' ');
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
