import Database from 'better-sqlite3';
import { IS_PERSON } from '../broadcast/broadcast-targets';
import { ConfigError } from '../errors';
import type { Row } from '../store/rows';
import type { KpiData, KpiEvent, KpiKbAnswer, KpiMajorIncident, KpiTicket } from './kpi-data';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Whether the database has this table (optional features add theirs in later migrations). */
export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Open the configured database read-only: reports never write, and must not create a missing file. */
export function openReadOnly(file: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ConfigError(`cannot open the database ${file} read-only (${(error as Error).message}): check DATABASE_PATH or start frontdesk once`);
  }
}

/** A tickets row (joined with its conversation's channel) and its events as a KpiTicket. */
export function toKpiTicket(r: Row, events: KpiEvent[]): KpiTicket {
  return {
    id: Number(r.id), number: String(r.number), type: r.type as KpiTicket['type'], category: r.category as KpiTicket['category'],
    priority: r.priority as KpiTicket['priority'], status: r.status as KpiTicket['status'], group: str(r.group_name), agentId: str(r.agent_id),
    channel: String(r.channel ?? 'unknown'), createdAt: String(r.created_at), firstResponseAt: str(r.first_response_at),
    escalatedAt: str(r.escalated_at), resolvedAt: str(r.resolved_at), closedAt: str(r.closed_at),
    responseDueAt: String(r.response_due_at), resolveDueAt: String(r.resolve_due_at),
    csat: r.csat === null ? null : Number(r.csat), majorIncidentId: r.major_incident_id === null ? null : Number(r.major_incident_id),
    kb: JSON.parse(String(r.kb_json ?? '[]')) as KpiTicket['kb'], events,
  };
}

/** Tickets created before `until` (pass the report's now: the backlog counts tickets opened after the period) with their events, broadcast deliveries sent to people (not channel posts), and major incidents if that table exists. */
export function loadKpiData(db: Database.Database, until: string): KpiData {
  const rows = db.prepare(
    `SELECT t.*, c.channel FROM tickets t LEFT JOIN conversations c ON c.id = t.conversation_id WHERE t.created_at < ? ORDER BY t.id`,
  ).all(until) as Row[];
  const events = eventsByTicket(db.prepare(
    'SELECT e.ticket_id, e.at, e.kind, e.data_json FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.created_at < ? ORDER BY e.id',
  ).all(until) as Row[]);
  // Posts into a Slack channel (broadcast_targets, migration 6) reach a channel, not a person: not counted.
  const people = hasTable(db, 'broadcast_targets') ? `AND ${IS_PERSON('d.user_id')}` : '';
  const notifications = hasTable(db, 'broadcast_deliveries')
    ? (db.prepare(
        `SELECT d.user_id, o.sent_at FROM broadcast_deliveries d JOIN outbox o ON o.id = d.outbox_id
         WHERE o.status = 'sent' AND o.sent_at IS NOT NULL ${people}`,
      ).all() as Row[]).map((r) => ({ userId: Number(r.user_id), sentAt: String(r.sent_at) }))
    : [];
  const kbAnswers = hasTable(db, 'kb_answers')
    ? (db.prepare('SELECT at, channel, category, articles_json, csat FROM kb_answers WHERE at < ? ORDER BY id').all(until) as Row[]).map(toKpiKbAnswer)
    : [];
  return { tickets: rows.map((r) => toKpiTicket(r, events.get(Number(r.id)) ?? [])), kbAnswers, notifications, majorIncidents: loadMajorIncidents(db) };
}

/** A kb_answers row as the KPIs read it. */
export function toKpiKbAnswer(r: Row): KpiKbAnswer {
  return { at: String(r.at), channel: String(r.channel), category: str(r.category), articles: JSON.parse(String(r.articles_json)) as string[], csat: r.csat == null ? null : Number(r.csat) };
}

/** ticket_events rows (ticket_id, at, kind, data_json) grouped by ticket, in the given order. */
export function eventsByTicket(rows: readonly Row[]): Map<number, KpiEvent[]> {
  const events = new Map<number, KpiEvent[]>();
  for (const e of rows) {
    const list = events.get(Number(e.ticket_id)) ?? [];
    list.push({ at: String(e.at), kind: String(e.kind), data: JSON.parse(String(e.data_json)) as Record<string, unknown> });
    events.set(Number(e.ticket_id), list);
  }
  return events;
}

/** The major_incidents table belongs to another feature: read whichever of the usual columns it has. */
function loadMajorIncidents(db: Database.Database): KpiMajorIncident[] | null {
  if (!hasTable(db, 'major_incidents')) return null;
  return (db.prepare('SELECT * FROM major_incidents ORDER BY id').all() as Row[]).map(toKpiMajorIncident);
}

/** A major_incidents row, whichever of the usual columns it has. */
export function toKpiMajorIncident(r: Row): KpiMajorIncident {
  return {
    id: Number(r.id),
    number: str(r.number) ?? `MI-${String(r.id).padStart(6, '0')}`,
    title: str(r.title) ?? str(r.summary) ?? '',
    status: str(r.status) ?? '',
    createdAt: str(r.created_at) ?? str(r.declared_at) ?? str(r.opened_at) ?? '',
  };
}
