import type { CustomerProfile } from './customer-store';
import { z } from 'zod';
import type { Ticket, TicketStatus } from '../types/ticket';
import type { LoginDelayPolicy } from '../console/login-delay';
import type { QueuePage, QueueQuery, QueueScope } from '../console/queue-query';
import type { RequestClaim } from './console-requests';
import type { CannedResponse, CannedWrite, SavedView } from './workspace-store';
import type { WatcherStore } from './watcher-store';

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
  /** Work e-mail: approvals addressed to it can be decided in the console. */
  email: z.string().trim().toLowerCase().email().max(320).optional(),
});
export type Agent = z.infer<typeof Agent> & { createdAt?: string; disabledAt?: string | null };

/** A logged-in console session, found by the hash of its cookie token. */
export type ConsoleSession = { tokenHash: string; agent: Agent; csrfToken: string; expiresAt: string };

/** A login attempt on a set of throttle keys: allowed (and counted as a failure until it succeeds) or refused. */
export type LoginReservation = { ok: true } | { ok: false; retryAt: string };

/** One throttle key (`account:<login>` or `address:<ip>`) with its delay policy. */
export type ThrottleKey = { key: string; policy: LoginDelayPolicy };

/** Ticket statuses that wait for an agent: the console's queue. */
export const QUEUE_STATUSES: readonly TicketStatus[] = ['new', 'escalated', 'in_progress', 'open', 'reopened'];

/**
 * Agents, their console sessions and login failures. Async like `Store`, so another database can
 * implement it later.
 */
export interface AgentStore extends WatcherStore {
  /** Create an agent; throws when the id exists (change a password with setPassword). */
  addAgent(agent: Agent, passwordHash: string, now: string): Promise<Agent>;
  /** An active (not disabled) agent, or null. */
  getAgent(id: string): Promise<Agent | null>;
  listAgents(): Promise<Agent[]>;
  /** The active agent with this work e-mail (any case), or null. */
  agentByEmail(email: string): Promise<Agent | null>;
  /** Set or clear an agent's work e-mail; throws when another agent has it. */
  setEmail(id: string, email: string | null, now: string): Promise<void>;
  /** The stored scrypt hash, for verification only; null for an unknown id. */
  passwordHash(id: string): Promise<string | null>;
  /** Replace the password hash and end every session of the agent. */
  setPassword(id: string, passwordHash: string, now: string): Promise<void>;
  createSession(session: Omit<ConsoleSession, 'agent'> & { agentId: string }, now: string): Promise<void>;
  /** The unexpired session with this token hash, or null. */
  findSession(tokenHash: string, now: string): Promise<ConsoleSession | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /**
   * Count an attempt as a failure before its password is checked, atomically over all keys: refused with
   * the time to retry when any key is still waiting out its delay. Parallel guesses cannot all slip in.
   */
  reserveLoginAttempt(keys: ThrottleKey[], now: string): Promise<LoginReservation>;
  /** The reserved attempt succeeded: the account starts clean, the address gets its failure back. */
  loginSucceeded(account: ThrottleKey, address: ThrottleKey | null, now: string): Promise<void>;
  /** Forget the failed logins of an account (admin unlock). */
  clearLoginDelay(login: string): Promise<void>;
  /** The agent, disabled or not (getAgent only finds active ones). */
  getAgentRecord(id: string): Promise<Agent | null>;
  /** Disable (or enable again) an agent; disabling ends every session. False when the id is unknown. */
  setDisabled(id: string, disabled: boolean, now: string): Promise<boolean>;
  /** Delete an agent and its sessions; its name stays on tickets and audit events. False when unknown. */
  deleteAgent(id: string): Promise<boolean>;
  /** The requester `userId` across channels (accounts sharing their e-mail) and up to `limit` of their tickets; null when unknown. */
  customerProfile(userId: number, limit: number): Promise<CustomerProfile | null>;
  /** One page of the console's queue: the tickets of the scope's groups matching the query, and their count. */
  searchQueue(scope: QueueScope, query: QueueQuery): Promise<QueuePage>;
  /** Claim an agent's Idempotency-Key for a request (by its hash): run it, replay its answer, or refuse. */
  claimRequest(agentId: string, key: string, requestHash: string, now: Date): Promise<RequestClaim>;
  /** Store the answer of a claimed request, or free the key when it failed (null). */
  finishRequest(agentId: string, key: string, responseJson: string | null): Promise<void>;
  /** Canned responses an agent may use: the shared ones and their own, by title. */
  listCannedResponses(agentId: string): Promise<CannedResponse[]>;
  getCannedResponse(id: number): Promise<CannedResponse | null>;
  /** Create (no id) or change a canned response; null when the id is unknown. */
  saveCannedResponse(write: CannedWrite, now: string): Promise<CannedResponse | null>;
  deleteCannedResponse(id: number): Promise<boolean>;
  /** An agent's saved queue views, by name. */
  listSavedViews(agentId: string): Promise<SavedView[]>;
  /** Save a view under a name; the same name again replaces its query. */
  saveView(agentId: string, name: string, query: string, now: string): Promise<SavedView>;
  /** Delete one of the agent's views; false when it is not theirs or unknown. */
  deleteView(agentId: string, id: number): Promise<boolean>;
}
