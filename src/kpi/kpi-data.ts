import type { Category, Priority, TicketStatus, TicketType } from '../types/ticket';

/** One audit event of a ticket, as the KPIs read it. */
export type KpiEvent = { at: string; kind: string; data: Record<string, unknown> };

/** A ticket with its events and the channel of its conversation: everything the KPIs need. */
export type KpiTicket = {
  id: number;
  number: string;
  type: TicketType;
  category: Category;
  priority: Priority;
  status: TicketStatus;
  group: string | null;
  /** The agent who owns the ticket now (per-agent figures); absent in older fixtures. */
  agentId?: string | null;
  channel: string;
  createdAt: string;
  firstResponseAt: string | null;
  escalatedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  responseDueAt: string;
  resolveDueAt: string;
  csat: number | null;
  majorIncidentId: number | null;
  kb: { id: string; helpful: boolean | null }[];
  events: KpiEvent[];
};

/** A broadcast delivered (outbox row sent) to a user. */
export type KpiNotification = { userId: number; sentAt: string };

/** A major incident, when the major_incidents table exists. */
export type KpiMajorIncident = { id: number; number: string; title: string; status: string; createdAt: string };

/** A how-to the knowledge base answered, confirmed by the user: no ticket, but self-service all the same. */
export type KpiKbAnswer = { at: string; channel: string; category: string | null; articles: string[]; csat?: number | null };

/** The rows the KPIs are computed from; loaded by load-kpi-data.ts, built by hand in tests. */
export type KpiData = {
  tickets: KpiTicket[];
  /** Questions answered without a ticket (absent in older fixtures: none). */
  kbAnswers?: KpiKbAnswer[];
  notifications: KpiNotification[];
  /** null when the database has no major_incidents table. */
  majorIncidents: KpiMajorIncident[] | null;
};

/** A half-open reporting period [from, to) in ISO instants. */
export type Period = { from: string; to: string };

/** Whether an ISO instant falls inside the period. */
export function inPeriod(iso: string | null, period: Period): boolean {
  return iso !== null && iso >= period.from && iso < period.to;
}
