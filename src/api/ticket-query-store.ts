import type { Ticket } from '../types/ticket';

/** Filters of a ticket list (all optional; `beforeId` is the cursor: only tickets with a smaller id). */
export type TicketFilters = {
  status?: string;
  priority?: string;
  category?: string;
  group?: string;
  assignee?: string;
  /** ISO time: tickets updated at or after it. */
  updatedSince?: string;
  beforeId?: number;
};

/** A ticket with the number of its major incident, if any. */
export type TicketWithIncident = { ticket: Ticket; miNumber: string | null };

/** Who asked, as the API shows it with the people:read scope. */
export type Requester = { id: number; channel: string; name: string | null; email: string | null };

/** The REST API's reads of tickets and people, on SQLite or PostgreSQL. */
export interface TicketQueryStore {
  /** Up to `limit` tickets matching every filter, newest (highest id) first. */
  listTickets(filters: TicketFilters, limit: number): Promise<TicketWithIncident[]>;
  /** One ticket by number (any case), or null. */
  ticketByNumber(number: string): Promise<TicketWithIncident | null>;
  /** The users with these ids (unknown ids are left out), in id order. */
  requesters(ids: readonly number[]): Promise<Requester[]>;
  /** The newest conversation of the user with this platform id on this channel, or null when they never wrote there. */
  latestConversationOf(channel: string, platformUserId: string): Promise<number | null>;
}
