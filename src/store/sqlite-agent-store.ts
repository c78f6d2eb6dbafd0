import type Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';
import { toTicket, type Row } from './rows';
import { LOCKOUT, QUEUE_STATUSES, type Agent, type AgentStore, type ConsoleSession, type LoginFailure } from './agent-store';
import { statementCache } from './statement-cache';

const toAgent = (r: Row): Agent => ({
  id: String(r.id),
  name: String(r.name),
  role: r.role as Agent['role'],
  groups: JSON.parse(String(r.groups_json)) as string[],
  createdAt: String(r.created_at),
});

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** AgentStore on the SQLite database of a SqliteStore (tables of migration 2). */
export class SqliteAgentStore implements AgentStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async addAgent(agent: Agent, passwordHash: string, now: string): Promise<Agent> {
    if (await this.getAgent(agent.id)) throw new Error(`agent "${agent.id}" exists already: choose another id or change its password`);
    this.stmt('INSERT INTO agents (id, name, password_hash, role, groups_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(agent.id, agent.name, passwordHash, agent.role, JSON.stringify(agent.groups), now, now);
    return { ...agent, createdAt: now };
  }

  async getAgent(id: string): Promise<Agent | null> {
    const row = this.stmt('SELECT * FROM agents WHERE id = ?').get(id) as Row | undefined;
    return row ? toAgent(row) : null;
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
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    )
      .get(tokenHash, now) as Row | undefined;
    if (!row) return null;
    return { tokenHash: String(row.token_hash), csrfToken: String(row.csrf_token), expiresAt: String(row.expires_at), agent: toAgent(row) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmt('DELETE FROM console_sessions WHERE token_hash = ?').run(tokenHash);
  }

  async lockedUntil(login: string, now: string): Promise<string | null> {
    const row = this.stmt('SELECT locked_until FROM login_failures WHERE login = ?').get(login) as Row | undefined;
    const until = row?.locked_until ? String(row.locked_until) : null;
    return until && until > now ? until : null;
  }

  async recordLoginFailure(login: string, now: string): Promise<LoginFailure> {
    return this.db.transaction(() => {
      const row = this.stmt('SELECT * FROM login_failures WHERE login = ?').get(login) as Row | undefined;
      // A window older than 15 minutes starts over: only failures close together lock.
      const fresh = !row || plus(String(row.window_start), LOCKOUT.windowMs) <= now;
      const failures = fresh ? 1 : Number(row.failures) + 1;
      const locked = failures >= LOCKOUT.maxFailures ? plus(now, LOCKOUT.lockMs) : null;
      this.stmt(
        `INSERT INTO login_failures (login, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (login) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, locked_until = excluded.locked_until`,
      )
        // After a lock the count restarts, so the next lock needs five new failures.
        .run(login, locked ? 0 : failures, fresh || locked ? now : String(row.window_start), locked);
      return { failures, lockedUntil: locked };
    }).immediate();
  }

  async clearLoginFailures(login: string): Promise<void> {
    this.stmt('DELETE FROM login_failures WHERE login = ?').run(login);
  }

  async queue(groups: readonly string[] | null, limit: number) {
    const statuses = QUEUE_STATUSES.map(() => '?').join(', ');
    const byGroup = groups === null ? '' : `AND group_name IN (${groups.map(() => '?').join(', ') || 'NULL'})`;
    const rows = this.stmt(`SELECT * FROM tickets WHERE status IN (${statuses}) ${byGroup} ORDER BY priority, response_due_at, id LIMIT ?`)
      .all(...QUEUE_STATUSES, ...(groups ?? []), limit) as Row[];
    return rows.map(toTicket);
  }
}

/** The AgentStore sharing a Store's database; only the SQLite store is supported so far. */
export function sqliteAgentStore(store: Store): SqliteAgentStore {
  if (!(store instanceof SqliteStore)) throw new Error('the agent console needs the SQLite store: set DATABASE_PATH to a SQLite file');
  return new SqliteAgentStore(store.db);
}
