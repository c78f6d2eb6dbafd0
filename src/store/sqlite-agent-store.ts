import type Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';
import { toTicket, toAgent, type Row } from './rows';
import { QUEUE_STATUSES, type Agent, type AgentStore, type ConsoleSession, type LoginReservation, type ThrottleKey } from './agent-store';
import { loginDelayMs } from '../console/login-delay';
import { statementCache } from './statement-cache';
import { searchQueue } from './sqlite-queue-search';
import { CUSTOMER_SQL, toProfile, type CustomerProfile } from './customer-store';
import { claimRequest, finishRequest } from './sqlite-console-requests';
import type { RequestClaim } from './console-requests';
import type { QueuePage, QueueQuery, QueueScope } from '../console/queue-query';
import { SqliteWorkspace } from './sqlite-workspace';
import type { CannedResponse, CannedWrite, SavedView } from './workspace-store';
import { SqliteWatchers } from './sqlite-watchers';
import type { TicketWatcher } from './watcher-store';


const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** AgentStore on the SQLite database of a SqliteStore (tables of migration 2). */
export class SqliteAgentStore implements AgentStore {
  private readonly stmt: (sql: string) => Database.Statement;
  private readonly watchers: SqliteWatchers;
  private readonly workspace: SqliteWorkspace;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
    this.workspace = new SqliteWorkspace(db);
    this.watchers = new SqliteWatchers(db);
  }

  async addAgent(agent: Agent, passwordHash: string, now: string): Promise<Agent> {
    if (await this.getAgentRecord(agent.id)) throw new Error(`agent "${agent.id}" exists already: choose another id or change its password`);
    if (agent.email && (await this.agentByEmail(agent.email))) throw new Error(`another agent has the e-mail ${agent.email}`);
    this.stmt('INSERT INTO agents (id, name, password_hash, role, groups_json, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(agent.id, agent.name, passwordHash, agent.role, JSON.stringify(agent.groups), agent.email?.toLowerCase() ?? null, now, now);
    return { ...agent, createdAt: now };
  }

  async getAgent(id: string): Promise<Agent | null> {
    const row = this.stmt('SELECT * FROM agents WHERE id = ? AND disabled_at IS NULL').get(id) as Row | undefined;
    return row ? toAgent(row) : null;
  }

  async agentByEmail(email: string): Promise<Agent | null> {
    const row = this.stmt('SELECT * FROM agents WHERE lower(email) = lower(?) AND disabled_at IS NULL').get(email) as Row | undefined;
    return row ? toAgent(row) : null;
  }

  async setEmail(id: string, email: string | null, now: string): Promise<void> {
    const holder = email ? await this.agentByEmail(email) : null;
    if (holder && holder.id !== id) throw new Error(`another agent (${holder.id}) has the e-mail ${email}`);
    this.stmt('UPDATE agents SET email = ?, updated_at = ? WHERE id = ?').run(email?.toLowerCase() ?? null, now, id);
  }

  async getAgentRecord(id: string): Promise<Agent | null> {
    const row = this.stmt('SELECT * FROM agents WHERE id = ?').get(id) as Row | undefined;
    return row ? toAgent(row) : null;
  }

  async setDisabled(id: string, disabled: boolean, now: string): Promise<boolean> {
    return this.db.transaction(() => {
      const info = this.stmt('UPDATE agents SET disabled_at = ?, updated_at = ? WHERE id = ?').run(disabled ? now : null, now, id);
      if (disabled) this.stmt('DELETE FROM console_sessions WHERE agent_id = ?').run(id);
      return info.changes === 1;
    }).immediate();
  }

  async deleteAgent(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.stmt('DELETE FROM login_throttle WHERE key = ?').run(`account:${id}`);
      this.stmt('DELETE FROM canned_responses WHERE owner_id = ?').run(id);
      // Sessions, saved views and Slack links go with it (ON DELETE CASCADE); tickets keep the id as a name.
      return this.stmt('DELETE FROM agents WHERE id = ?').run(id).changes === 1;
    }).immediate();
  }

  async listAgents(): Promise<Agent[]> {
    return (this.stmt('SELECT * FROM agents ORDER BY id').all() as Row[]).map(toAgent);
  }

  async passwordHash(id: string): Promise<string | null> {
    const row = this.stmt('SELECT password_hash FROM agents WHERE id = ?').get(id) as Row | undefined;
    return row ? String(row.password_hash) : null;
  }

  async setPassword(id: string, passwordHash: string, now: string): Promise<void> {
    this.db.transaction(() => {
      const info = this.stmt('UPDATE agents SET password_hash = ?, updated_at = ? WHERE id = ?').run(passwordHash, now, id);
      if (info.changes === 0) throw new Error(`no agent "${id}": add it first`);
      this.stmt('DELETE FROM console_sessions WHERE agent_id = ?').run(id);
    }).immediate();
  }

  async createSession(session: Omit<ConsoleSession, 'agent'> & { agentId: string }, now: string): Promise<void> {
    this.db.transaction(() => {
      // Expired sessions are swept here rather than by a timer: logins are rare enough.
      this.stmt('DELETE FROM console_sessions WHERE expires_at <= ?').run(now);
      this.stmt('INSERT INTO console_sessions (token_hash, agent_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(session.tokenHash, session.agentId, session.csrfToken, now, session.expiresAt);
    }).immediate();
  }

  async findSession(tokenHash: string, now: string): Promise<ConsoleSession | null> {
    const row = this.stmt(
      `SELECT s.token_hash, s.csrf_token, s.expires_at, a.* FROM console_sessions s JOIN agents a ON a.id = s.agent_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
    )
      .get(tokenHash, now) as Row | undefined;
    if (!row) return null;
    return { tokenHash: String(row.token_hash), csrfToken: String(row.csrf_token), expiresAt: String(row.expires_at), agent: toAgent(row) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmt('DELETE FROM console_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async reserveLoginAttempt(keys: ThrottleKey[], now: string): Promise<LoginReservation> {
    // One IMMEDIATE transaction: parallel attempts are counted one after another, never all at once.
    return this.db.transaction((): LoginReservation => {
      const rows = keys.map(({ key, policy }) => ({ key, policy, row: this.throttleRow(key, now, policy.forgetAfterMs) }));
      const waits = rows.map((r) => r.row?.next).filter((next): next is string => next !== undefined && next > now);
      if (waits.length > 0) return { ok: false, retryAt: waits.sort().at(-1)! };
      for (const { key, policy, row } of rows) {
        const failures = (row?.failures ?? 0) + 1;
        this.writeThrottle(key, failures, now, plus(now, loginDelayMs(failures, policy)));
      }
      return { ok: true };
    }).immediate();
  }

  async loginSucceeded(account: ThrottleKey, address: ThrottleKey | null, now: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt('DELETE FROM login_throttle WHERE key = ?').run(account.key);
      const row = address && this.throttleRow(address.key, now, address.policy.forgetAfterMs);
      if (!address || !row) return;
      // Give back the failure the attempt reserved: a correct password never counts against the address.
      const failures = Math.max(0, row.failures - 1);
      if (failures === 0) this.stmt('DELETE FROM login_throttle WHERE key = ?').run(address.key);
      else this.writeThrottle(address.key, failures, row.last, plus(row.last, loginDelayMs(failures, address.policy)));
    }).immediate();
  }

  async clearLoginDelay(login: string): Promise<void> {
    this.stmt('DELETE FROM login_throttle WHERE key = ?').run(`account:${login}`);
  }

  private throttleRow(key: string, now: string, forgetAfterMs: number): { failures: number; last: string; next: string } | null {
    const row = this.stmt('SELECT * FROM login_throttle WHERE key = ?').get(key) as Row | undefined;
    if (!row || plus(String(row.last_failure_at), forgetAfterMs) <= now) return null;
    return { failures: Number(row.failures), last: String(row.last_failure_at), next: String(row.next_attempt_at) };
  }

  private writeThrottle(key: string, failures: number, last: string, next: string): void {
    this.stmt(
      `INSERT INTO login_throttle (key, failures, last_failure_at, next_attempt_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, next_attempt_at = excluded.next_attempt_at`,
    ).run(key, failures, last, next);
  }

  async customerProfile(userId: number, limit: number): Promise<CustomerProfile | null> {
    const identities = this.db.prepare(CUSTOMER_SQL.identities).all(userId, userId) as Record<string, unknown>[];
    const ids = identities.map((r) => Number(r.id));
    const tickets = ids.length ? (this.db.prepare(CUSTOMER_SQL.tickets(ids.length)).all(...ids, limit) as Record<string, unknown>[]) : [];
    return toProfile(identities, tickets);
  }

  async searchQueue(scope: QueueScope, query: QueueQuery): Promise<QueuePage> {
    return searchQueue(this.db, scope, query);
  }

  async claimRequest(agentId: string, key: string, requestHash: string, now: Date): Promise<RequestClaim> {
    return claimRequest(this.db, agentId, key, requestHash, now);
  }

  async finishRequest(agentId: string, key: string, responseJson: string | null): Promise<void> {
    finishRequest(this.db, agentId, key, responseJson);
  }

  async listCannedResponses(agentId: string): Promise<CannedResponse[]> { return this.workspace.listCanned(agentId); }
  async getCannedResponse(id: number): Promise<CannedResponse | null> { return this.workspace.getCanned(id); }
  async saveCannedResponse(write: CannedWrite, now: string): Promise<CannedResponse | null> { return this.workspace.saveCanned(write, now); }
  async deleteCannedResponse(id: number): Promise<boolean> { return this.workspace.deleteCanned(id); }
  async listSavedViews(agentId: string): Promise<SavedView[]> { return this.workspace.listViews(agentId); }
  async saveView(agentId: string, name: string, query: string, now: string): Promise<SavedView> { return this.workspace.saveView(agentId, name, query, now); }
  async deleteView(agentId: string, id: number): Promise<boolean> { return this.workspace.deleteView(agentId, id); }
  ticketWatchers(ticketId: number): Promise<TicketWatcher[]> { return this.watchers.ticketWatchers(ticketId); }
  setWatching(ticketId: number, agentId: string, watch: boolean, now: string): Promise<boolean> { return this.watchers.setWatching(ticketId, agentId, watch, now); }
  watchedAmong(agentId: string, ticketIds: readonly number[]): Promise<Set<number>> { return this.watchers.watchedAmong(agentId, ticketIds); }
  moveWatchers(fromTicketId: number, toTicketId: number): Promise<void> { return this.watchers.moveWatchers(fromTicketId, toTicketId); }
  markRead(conversationId: number, messageId: number, agentId: string, now: string): Promise<boolean> { return this.watchers.markRead(conversationId, messageId, agentId, now); }
  readUpTo(conversationId: number): Promise<number | null> { return this.watchers.readUpTo(conversationId); }
}

/** The AgentStore sharing a Store's database; only the SQLite store is supported so far. */
export function sqliteAgentStore(store: Store): SqliteAgentStore {
  if (!(store instanceof SqliteStore)) throw new Error('the agent console needs the SQLite store: set DATABASE_PATH to a SQLite file');
  return new SqliteAgentStore(store.db);
}
