import type { Ticket } from '../types/ticket';
import type { Row } from './rows';
import { toTicket } from './rows';

/** One channel account of a requester, as the console's customer view shows it. */
export type ChannelIdentity = { userId: number; channel: string; handle: string | null; name: string | null; email: string | null; department: string | null };

/** A requester across channels: the accounts sharing their e-mail address, and the tickets of all of them, newest first. */
export type CustomerProfile = { identities: ChannelIdentity[]; tickets: Ticket[] };

/** The web chat knows a visitor by their session id: a secret, so it is never shown. */
export const toIdentity = (r: Row): ChannelIdentity => ({
  userId: Number(r.id), channel: String(r.channel), handle: r.channel === 'webchat' ? null : String(r.platform_user_id),
  name: (r.name as string | null) ?? null, email: (r.email as string | null) ?? null, department: (r.department as string | null) ?? null,
});

/** The SQL both stores run (SQLite and PostgreSQL agree on lower/trim and this syntax), `?` placeholders. */
export const CUSTOMER_SQL = {
  /** The user and every account with the same (case-insensitive) e-mail address. */
  identities: `SELECT * FROM users WHERE id = ? OR (email IS NOT NULL AND email <> '' AND lower(trim(email)) = (SELECT lower(trim(email)) FROM users WHERE id = ?)) ORDER BY id`,
  tickets: (n: number) => `SELECT * FROM tickets WHERE requester_id IN (${Array.from({ length: n }, () => '?').join(', ')}) ORDER BY id DESC LIMIT ?`,
};

/** Rows of both queries as a profile (null: no such user). */
export function toProfile(identities: Row[], tickets: Row[]): CustomerProfile | null {
  return identities.length ? { identities: identities.map(toIdentity), tickets: tickets.map(toTicket) } : null;
}
