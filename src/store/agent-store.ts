import { z } from 'zod';
import type { Ticket, TicketStatus } from '../types/ticket';

/** What a console user may do: agents work their groups' tickets, admins everything. */
export const AgentRole = z.enum(['agent', 'admin']);
export type AgentRole = z.infer<typeof AgentRole>;

/** Login ids and group names: lower-case words, safe in URLs, logs and event actors (`agent:<id>`). */
export const AgentId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use 1-64 lower-case letters, digits, ".", "_" or "-"');
/** A tier-2 group name, as in ROUTING_GROUPS. */
export const GroupName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use lower-case letters, digits, "_" or "-"');

/** A tier-2 agent as the console and the actions see it (never the password hash). */
export const Agent = z.object({
  id: AgentId,
  name: z.string().trim().min(1).max(100),
  role: AgentRole,
  groups: z.array(GroupName).max(50),
});
export type Agent = z.infer<typeof Agent> & { createdAt?: string };

/** A logged-in console session, found by the hash of its cookie token. */
export type ConsoleSession = { tokenHash: string; agent: Agent; csrfToken: string; expiresAt: string };

/** Outcome of recording a failed login: `lockedUntil` is set once the limit is reached. */
export type LoginFailure = { failures: number; lockedUntil: string | null };

/** Lockout policy: this many failures inside the window lock the login for `lockMs`. */
export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** Ticket statuses that wait for an agent: the console's queue. */
export const QUEUE_STATUSES: readonly TicketStatus[] = ['new', 'escalated', 'in_progress', 'open', 'reopened'];

/**
 * Agents, their console sessions and login failures. Async like `Store`, so another database can
 * implement it later.
 */
export interface AgentStore {
  /** Create an agent; throws when the id exists (change a password with setPassword). */
  addAgent(agent: Agent, passwordHash: string, now: string): Promise<Agent>;
  getAgent(id: string): Promise<Agent | null>;
  listAgents(): Promise<Agent[]>;
  /** The stored scrypt hash, for verification only; null for an unknown id. */
  passwordHash(id: string): Promise<string | null>;
  /** Replace the password hash and end every session of the agent. */
  setPassword(id: string, passwordHash: string, now: string): Promise<void>;
  createSession(session: Omit<ConsoleSession, 'agent'> & { agentId: string }, now: string): Promise<void>;
  /** The unexpired session with this token hash, or null. */
  findSession(tokenHash: string, now: string): Promise<ConsoleSession | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** The time a login stays locked until, or null when it may try. */
  lockedUntil(login: string, now: string): Promise<string | null>;
  recordLoginFailure(login: string, now: string): Promise<LoginFailure>;
  clearLoginFailures(login: string): Promise<void>;
  /** Tickets waiting for agents, of the given groups (all groups when null), by priority then response due time. */
  queue(groups: readonly string[] | null, limit: number): Promise<Ticket[]>;
}
