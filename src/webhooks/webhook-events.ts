import type { ApiScope } from '../api/scopes';

/** The events a subscription can ask for. */
export const WEBHOOK_EVENTS = [
  'ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.resolved', 'ticket.closed', 'incident.opened', 'incident.resolved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The scope an event needs: ticket events show tickets, incident events major incidents. */
export function scopeOf(event: WebhookEvent): ApiScope {
  return event.startsWith('incident.') ? 'incidents:read' : 'tickets:read';
}

const BY_KIND: Record<string, WebhookEvent> = {
  opened: 'ticket.created',
  resolved: 'ticket.resolved',
  self_service_resolved: 'ticket.resolved',
  closed: 'ticket.closed',
  auto_closed: 'ticket.closed',
  withdrawn: 'ticket.closed',
  agent_reply: 'ticket.commented',
  user_comment: 'ticket.commented',
  user_message: 'ticket.commented',
  major_incident_opened: 'incident.opened',
  major_incident_resolved: 'incident.resolved',
};

/**
 * The webhook event of an audit event (ticket_events.kind): every other kind (escalated, taken over,
 * transferred, updated through the API, a note, a rating, an SLA warning...) is a `ticket.updated`.
 */
export function eventOfKind(kind: string): WebhookEvent {
  return BY_KIND[kind] ?? 'ticket.updated';
}

/** Parse a comma list of events, naming unknown ones. */
export function parseEvents(list: string): WebhookEvent[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(WEBHOOK_EVENTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new Error(`--events: use some of ${WEBHOOK_EVENTS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  return [...new Set(names)] as WebhookEvent[];
}
