import type { OutboundMessage } from '../types/conversation';
import type { TicketDraft } from '../types/ticket';
import type { TicketChange } from './store';

/** Ticket fields a turn may change, and their columns: one list for every store, so none drifts. */
export const TICKET_COLUMNS: Readonly<Record<keyof Extract<TicketChange, { kind: 'update' }>['fields'], string>> = {
  status: 'status', agentId: 'agent_id', group: 'group_name', priority: 'priority', resolvedAt: 'resolved_at',
  closedAt: 'closed_at', escalatedAt: 'escalated_at', csat: 'csat', firstResponseAt: 'first_response_at',
  impact: 'impact', urgency: 'urgency', category: 'category', summary: 'summary', description: 'description',
  slots: 'slots_json', responseDueAt: 'response_due_at', resolveDueAt: 'resolve_due_at', kbArticles: 'kb_json', lang: 'lang', tags: 'tags_json',
};

/** The columns and values of a ticket update, JSON fields serialised (slots default {}, KB articles and tags []). */
export function ticketUpdateValues(fields: Extract<TicketChange, { kind: 'update' }>['fields']): { columns: string[]; values: unknown[] } {
  const entries = Object.entries(fields).filter(([key]) => key in TICKET_COLUMNS) as [keyof typeof TICKET_COLUMNS, unknown][];
  return {
    columns: entries.map(([key]) => TICKET_COLUMNS[key]),
    values: entries.map(([key, v]) => (key === 'slots' || key === 'kbArticles' || key === 'tags' ? JSON.stringify(v ?? (key === 'slots' ? {} : [])) : v ?? null)),
  };
}

/** Ticket number prefix per type: incidents INC-, everything else REQ-. */
export function ticketPrefix(type: TicketDraft['type']): 'INC' | 'REQ' {
  return type === 'incident' ? 'INC' : 'REQ';
}

/** INC-000042 from the prefix and the counter's value. */
export function formatNumber(prefix: string, value: unknown): string {
  return `${prefix}-${String(value).padStart(6, '0')}`;
}

/** Replace the `{ticket}` token in a reply by the number of the ticket the turn opened. */
export function fillTicket(message: OutboundMessage, number: string | null): OutboundMessage {
  if (number === null) return message;
  return JSON.parse(JSON.stringify(message).split('{ticket}').join(number)) as OutboundMessage;
}
