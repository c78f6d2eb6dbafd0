import type { Conversation, OutboxRow, PendingInbound, StoredMessage, User } from './store';
import type { Category, Ticket, TicketEvent } from '../types/ticket';
import type { SlaTimer, SlaTimerKind } from './sla-store';
import type { MajorIncident } from './incident-store';
import type { Agent } from './agent-store';
import type { InboundMessage, OutboundMessage } from '../types/conversation';
import { inboundPayloadOf } from './inbound-payload';
import { toPlainText } from '../render/plain-text';

/** Raw rows as better-sqlite3 (and node-postgres, with the parsers of postgres/pg-database.ts) return them: snake_case columns. */
export type Row = Record<string, unknown>;

const json = <T>(value: unknown, fallback: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : fallback);
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** Map a conversations row. */
export function toConversation(r: Row): Conversation {
  return {
    id: Number(r.id),
    ref: json(r.ref_json, {} as Conversation['ref']),
    userId: Number(r.user_id),
    mode: r.mode as Conversation['mode'],
    lang: r.lang as Conversation['lang'],
    state: json(r.state_json, {}),
    ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
    version: Number(r.version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** Map a users row. */
export function toUser(r: Row): User {
  return {
    id: Number(r.id),
    channel: String(r.channel),
    platformUserId: String(r.platform_user_id),
    name: str(r.name) ?? undefined,
    email: str(r.email) ?? undefined,
    department: str(r.department) ?? undefined,
    lang: (str(r.lang) as User['lang']) ?? null,
    ...(str(r.time_zone) ? { timeZone: str(r.time_zone)! } : {}),
  };
}

/** Map a tickets row. */
export function toTicket(r: Row): Ticket {
  return {
    id: Number(r.id),
    number: String(r.number),
    type: r.type as Ticket['type'],
    category: r.category as Ticket['category'],
    impact: Number(r.impact) as Ticket['impact'],
    urgency: Number(r.urgency) as Ticket['urgency'],
    priority: r.priority as Ticket['priority'],
    status: r.status as Ticket['status'],
    requesterId: Number(r.requester_id),
    conversationId: Number(r.conversation_id),
    summary: String(r.summary),
    description: String(r.description),
    lang: r.lang as Ticket['lang'],
    slots: json(r.slots_json, {}),
    classification: json(r.classification_json, undefined),
    kbArticles: json(r.kb_json, []),
    tags: json(r.tags_json, []),
    group: str(r.group_name) ?? undefined,
    agentId: str(r.agent_id),
    responseDueAt: String(r.response_due_at),
    resolveDueAt: String(r.resolve_due_at),
    firstResponseAt: str(r.first_response_at),
    escalatedAt: str(r.escalated_at),
    resolvedAt: str(r.resolved_at),
    closedAt: str(r.closed_at),
    csat: r.csat === null ? null : Number(r.csat),
    majorIncidentId: r.major_incident_id === null ? null : Number(r.major_incident_id),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** Map a ticket_events row. */
export function toTicketEvent(r: Row): TicketEvent {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticket_id),
    at: String(r.at),
    actor: String(r.actor),
    kind: String(r.kind),
    data: json(r.data_json, {}),
  };
}

/** Map a messages row. */
export function toStoredMessage(r: Row): StoredMessage {
  const payload = json(r.payload_json, null);
  return {
    id: Number(r.id),
    conversationId: Number(r.conversation_id),
    direction: r.direction as StoredMessage['direction'],
    text: plainTextOf(r, payload),
    payload,
    author: String(r.author),
    outboxId: r.outbox_id === null || r.outbox_id === undefined ? null : Number(r.outbox_id),
    delivery: (str(r.delivery) as StoredMessage['delivery']) ?? null,
    createdAt: String(r.created_at),
  };
}

/** Map an outbox row. */
export function toOutboxRow(r: Row): OutboxRow {
  return {
    id: Number(r.id),
    conversationId: Number(r.conversation_id),
    ref: json(r.ref_json, {} as OutboxRow['ref']),
    message: json(r.message_json, {} as OutboxRow['message']),
    status: r.status as OutboxRow['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: String(r.next_attempt_at),
    lastError: str(r.last_error),
  };
}

/**
 * The text of a stored message. A reply is stored once, as its JSON payload, with an empty text column: the
 * plain text is derived here instead of keeping a second copy of every reply (rows from before keep theirs).
 */
export function plainTextOf(r: Row, payload: unknown = json(r.payload_json, null)): string {
  if (r.direction === 'out' && r.text === '' && payload && typeof payload === 'object' && 'kind' in payload) return toPlainText(payload as OutboundMessage);
  return String(r.text);
}

/** Map a sla_timers row. */
export const toTimer = (r: Row): SlaTimer => ({
  ticketId: Number(r.ticket_id),
  kind: r.kind as SlaTimerKind,
  dueAt: r.due_at === null ? null : String(r.due_at),
  warnAt: r.warn_at === null ? null : String(r.warn_at),
  basis: r.basis === null ? null : String(r.basis),
  warnedAt: r.warned_at === null ? null : String(r.warned_at),
  breachedAt: r.breached_at === null ? null : String(r.breached_at),
  metAt: r.met_at === null ? null : String(r.met_at),
  ticketChanges: Number(r.ticket_changes),
  seenChanges: Number(r.seen_changes),
});

/** Map a major_incidents row. */
export const toMajorIncident = (r: Row): MajorIncident => ({
  id: Number(r.id),
  number: String(r.number),
  category: r.category as Category,
  title: String(r.title),
  status: r.status as MajorIncident['status'],
  resolution: r.resolution === null ? null : String(r.resolution),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
  resolvedAt: r.resolved_at === null ? null : String(r.resolved_at),
  source: r.source === 'alert' ? 'alert' : 'reports',
  keywords: r.keywords == null ? null : String(r.keywords),
  owner: r.owner == null ? null : String(r.owner),
  proposedResolution: r.proposed_resolution == null ? null : String(r.proposed_resolution),
});

/** Map an agents row (sessions joined to agents too). */
export const toAgent = (r: Row): Agent => ({
  id: String(r.id),
  name: String(r.name),
  role: r.role as Agent['role'],
  groups: JSON.parse(String(r.groups_json)) as string[],
  ...(r.email ? { email: String(r.email) } : {}),
  createdAt: String(r.created_at),
  disabledAt: r.disabled_at ? String(r.disabled_at) : null,
});

/** Map a row of the pending-inbound queries (a messages row with its conversation's ref_json). */
export function toPendingInbound(r: Row): PendingInbound {
  const message: InboundMessage = {
    ref: JSON.parse(String(r.ref_json)),
    platformMessageId: String(r.platform_message_id),
    text: String(r.text),
    ...inboundPayloadOf(r.payload_json),
    receivedAt: String(r.created_at),
  };
  return { messageId: Number(r.id), conversationId: Number(r.conversation_id), message };
}
