import type { Category, Priority, Ticket } from '../types/ticket';

/** A major incident: one problem many people reported, with its linked tickets. */
export type MajorIncident = {
  id: number;
  /** MI-000001, from the `MI` counter. */
  number: string;
  category: Category;
  title: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** 'reports' when people's reports made it, 'alert' when monitoring did (migration 12). */
  source: 'reports' | 'alert';
  /** The service's own words (an alert's service, its aliases): a report naming one is this incident. */
  keywords: string | null;
  /** Who confirms a resolution the monitoring proposes (an agent id), if anyone. */
  owner: string | null;
  /** A resolution the monitoring proposed and the owner has not confirmed yet. */
  proposedResolution: string | null;
};

/** What a new major incident starts with; reports-made incidents give only the first three. */
export type NewMajorIncident = { category: Category; title: string; now: string; source?: 'reports' | 'alert'; keywords?: string; owner?: string };

/** A ticket to link, with the priority and due times it gets (unchanged when omitted). */
export type TicketLink = { ticketId: number; priority?: Priority; responseDueAt?: string; resolveDueAt?: string };

/** Major incidents and their ticket links (tables of migration 3). Async like `Store`. */
export interface IncidentStore {
  /** Incident tickets of a category created at or after `since`, not resolved or closed, oldest first; only the newest `limit` when given. */
  recentOpenIncidents(category: Category, since: string, limit?: number): Promise<Ticket[]>;
  /** How many of those, created up to `until`, are not linked to a major incident yet (a cheap first check). */
  countRecentUnlinked(category: Category, since: string, until: string): Promise<number>;
  /** Open major incidents, of one category or all, oldest first. */
  openMajorIncidents(category?: Category): Promise<MajorIncident[]>;
  /** Major incidents, newest first, with how many tickets each links. */
  listMajorIncidents(limit: number): Promise<(MajorIncident & { tickets: number })[]>;
  getMajorIncident(number: string): Promise<MajorIncident | null>;
  getMajorIncidentById(id: number): Promise<MajorIncident | null>;
  linkedTickets(majorIncidentId: number): Promise<Ticket[]>;
  /**
   * Create a major incident and link the tickets in one transaction. If one of them was linked meanwhile
   * (another process), the rest join that incident instead. Returns the incident and the ids linked now.
   */
  createMajorIncident(input: NewMajorIncident, links: TicketLink[]): Promise<{ incident: MajorIncident; linked: number[] }>;
  /** Link tickets not linked yet to an open incident; returns the ids linked. */
  linkTickets(majorIncidentId: number, links: TicketLink[], now: string): Promise<number[]>;
  /** Mark resolved (a second call keeps the first resolution); returns the incident as stored. */
  markResolved(majorIncidentId: number, resolution: string, now: string): Promise<MajorIncident>;
  /** Record a resolution for the owner to confirm (an open incident only; a second proposal keeps the first). */
  proposeResolution(majorIncidentId: number, resolution: string, now: string): Promise<MajorIncident>;
}
