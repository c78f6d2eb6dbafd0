import type { User } from '../store/store';
import type { Priority, Ticket } from '../types/ticket';
import { isSimilar, reportTerms } from './similarity';

/** What a report is about, for clustering: its summary and description. */
export const reportText = (ticket: Ticket): string => `${ticket.summary}\n${ticket.description}`;

/** The tickets among `candidates` that describe the same problem as `ticket` (always including it). */
export function similarTickets(ticket: Ticket, candidates: Ticket[], threshold: number): Ticket[] {
  const terms = reportTerms(reportText(ticket));
  const others = candidates.filter((t) => t.id !== ticket.id && isSimilar(terms, reportTerms(reportText(t)), threshold));
  return [...others, ticket].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}

/**
 * How many different people reported: one person on two channels is one reporter when both profiles
 * carry the same e-mail address; otherwise each channel user counts once.
 */
export function distinctReporters(tickets: Ticket[], users: Map<number, User | null>): number {
  const keys = new Set(tickets.map((t) => users.get(t.requesterId)?.email?.trim().toLowerCase() || `user:${t.requesterId}`));
  return keys.size;
}

/**
 * The priority of a major incident's tickets: impact 1 (many users) with the most urgent reporter's
 * urgency, but never lower than P2: urgency 1 gives P1, anything else P2.
 */
export function majorIncidentPriority(tickets: Ticket[]): Priority {
  return tickets.some((t) => t.urgency === 1 || t.priority === 'P1') ? 'P1' : 'P2';
}

/** The more urgent of two priorities (P1 beats P2). */
export function higherPriority(a: Priority, b: Priority): Priority {
  return a < b ? a : b;
}
