import { loginDelayMs } from '../../console/login-delay';
import { type Agent, type AgentStore, type ConsoleSession, type LoginReservation, type ThrottleKey } from '../agent-store';
import { toAgent } from '../rows';
import type { QueuePage, QueueQuery, QueueScope } from '../../console/queue-query';
import type { RequestClaim } from '../console-requests';
import { claimRequestPg, finishRequestPg } from './pg-console-requests';
import { searchQueuePg } from './pg-queue-search';
import { CUSTOMER_SQL, toProfile, type CustomerProfile } from '../customer-store';
import type { PgDatabase, PgQueries } from './pg-database';
import { PgWorkspace } from './pg-workspace';
import type { CannedResponse, CannedWrite, SavedView } from '../workspace-store';
import { PgWatchers } from './pg-watchers';
import type { TicketWatcher } from '../watcher-store';

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** AgentStore on PostgreSQL. Login throttling takes a lock per key, so parallel guesses on several instances are counted one by one. */
export class PgAgentStore implements AgentStore {
  private readonly watchers: PgWatchers;
  private readonly workspace: PgWorkspace;

  constructor(private readonly db: PgDatabase) {
    this.workspace = new PgWorkspace(db);
    this.watchers = new PgWatchers(db);
  }

  async addAgent(agent: Agent, passwordHash: string, now: string): Promise<Agent> {
    const added = await this.db.run(
      'INSERT INTO agents (id, name, password_hash, role, groups_json, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (id) DO NOTHING',
      [agent.id, agent.name, passwordHash, agent.role, JSON.stringify(agent.groups), agent.email?.toLowerCase() ?? null, now]);
    if (added === 0) throw new Error(`agent "${agent.id}" exists already: choose another id or change its password`);
    return { ...agent, createdAt: now };
  }

  async getAgent(id: string): Promise<Agent | null> {
    const row = await this.db.one('SELECT * FROM agents WHERE id = $1 AND disabled_at IS NULL', [id]);
    return row ? toAgent(row) : null;
  }

  async getAgentRecord(id: string): Promise<Agent | null> {
    const row = await this.db.one('SELECT * FROM agents WHERE id = $1', [id]);
    return row ? toAgent(row) : null;
  }

  async setDisabled(id: string, disabled: boolean, now: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run('UPDATE agents SET disabled_at = $1, updated_at = $2 WHERE id = $3', [disabled ? now : null, now, id]);
      if (disabled) await tx.run('DELETE FROM console_sessions WHERE agent_id = $1', [id]);
      return changed === 1;
    });
  }

  async deleteAgent(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM login_throttle WHERE key = $1', [`account:${id}`]);
      await tx.run('DELETE FROM canned_responses WHERE owner_id = $1', [id]);
      // Sessions and saved views go with it (ON DELETE CASCADE); tickets keep the id as a name.
      return (await tx.run('DELETE FROM agents WHERE id = $1', [id])) === 1;
    });
  }

  async listAgents(): Promise<Agent[]> {
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    return (await this.db.rows('SELECT * FROM agents ORDER BY id COLLATE "C"')).map(toAgent);
  }

  async passwordHash(id: string): Promise<string | null> {
    const row = await this.db.one('SELECT password_hash FROM agents WHERE id = $1', [id]);
    return row ? String(row.password_hash) : null;
  }

  async setPassword(id: string, passwordHash: string, now: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      if ((await tx.run('UPDATE agents SET password_hash = $1, updated_at = $2 WHERE id = $3', [passwordHash, now, id])) === 0) throw new Error(`no agent "${id}": add it first`);
      await tx.run('DELETE FROM console_sessions WHERE agent_id = $1', [id]);
    });
  }

  async createSession(session: Omit<ConsoleSession, 'agent'> & { agentId: string }, now: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Expired sessions are swept here rather than by a timer: logins are rare enough.
      await tx.run('DELETE FROM console_sessions WHERE expires_at <= $1', [now]);
      await tx.run('INSERT INTO console_sessions (token_hash, agent_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [session.tokenHash, session.agentId, session.csrfToken, now, session.expiresAt]);
    });
  }

  async findSession(tokenHash: string, now: string): Promise<ConsoleSession | null> {
    const row = await this.db.one(
      `SELECT s.token_hash, s.csrf_token, s.expires_at, a.* FROM console_sessions s JOIN agents a ON a.id = s.agent_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`, [tokenHash, now]);
    if (!row) return null;
    return { tokenHash: String(row.token_hash), csrfToken: String(row.csrf_token), expiresAt: String(row.expires_at), agent: toAgent(row) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM console_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async reserveLoginAttempt(keys: ThrottleKey[], now: string): Promise<LoginReservation> {
    return this.db.transaction(async (tx): Promise<LoginReservation> => {
      await lockKeys(tx, keys.map((k) => k.key));
      const rows = [];
      for (const { key, policy } of keys) rows.push({ key, policy, row: await throttleRow(tx, key, now, policy.forgetAfterMs) });
      const waits = rows.map((r) => r.row?.next).filter((next): next is string => next !== undefined && next > now);
      if (waits.length > 0) return { ok: false, retryAt: waits.sort().at(-1)! };
      for (const { key, policy, row } of rows) {
        const failures = (row?.failures ?? 0) + 1;
        await writeThrottle(tx, key, failures, now, plus(now, loginDelayMs(failures, policy)));
      }
      return { ok: true };
    });
  }

  async loginSucceeded(account: ThrottleKey, address: ThrottleKey | null, now: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockKeys(tx, [account.key, ...(address ? [address.key] : [])]);
      await tx.run('DELETE FROM login_throttle WHERE key = $1', [account.key]);
      const row = address && (await throttleRow(tx, address.key, now, address.policy.forgetAfterMs));
      if (!address || !row) return;
      // Give back the failure the attempt reserved: a correct password never counts against the address.
      const failures = Math.max(0, row.failures - 1);
      if (failures === 0) await tx.run('DELETE FROM login_throttle WHERE key = $1', [address.key]);
      else await writeThrottle(tx, address.key, failures, row.last, plus(row.last, loginDelayMs(failures, address.policy)));
    });
  }

  async clearLoginDelay(login: string): Promise<void> {
    await this.db.run('DELETE FROM login_throttle WHERE key = $1', [`account:${login}`]);
  }

  async agentByEmail(email: string): Promise<Agent | null> {
    const row = await this.db.one('SELECT * FROM agents WHERE lower(email) = lower($1) AND disabled_at IS NULL', [email]);
    return row ? toAgent(row) : null;
  }

  async setEmail(id: string, email: string | null, now: string): Promise<void> {
    const holder = email ? await this.agentByEmail(email) : null;
    if (holder && holder.id !== id) throw new Error(`another agent (${holder.id}) has the e-mail ${email}`);
    await this.db.run('UPDATE agents SET email = $1, updated_at = $2 WHERE id = $3', [email?.toLowerCase() ?? null, now, id]);
  }

  async customerProfile(userId: number, limit: number): Promise<CustomerProfile | null> {
    const numbered = (sql: string) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };
    const identities = await this.db.rows(numbered(CUSTOMER_SQL.identities), [userId, userId]);
    const ids = identities.map((r) => Number(r.id));
    const tickets = ids.length ? await this.db.rows(numbered(CUSTOMER_SQL.tickets(ids.length)), [...ids, limit]) : [];
    return toProfile(identities, tickets);
  }

  searchQueue(scope: QueueScope, query: QueueQuery): Promise<QueuePage> {
    return searchQueuePg(this.db, scope, query);
  }

  claimRequest(agentId: string, key: string, requestHash: string, now: Date): Promise<RequestClaim> {
    return claimRequestPg(this.db, agentId, key, requestHash, now);
  }

  finishRequest(agentId: string, key: string, responseJson: string | null): Promise<void> {
    return finishRequestPg(this.db, agentId, key, responseJson);
  }

  listCannedResponses(agentId: string): Promise<CannedResponse[]> { return this.workspace.listCanned(agentId); }
  getCannedResponse(id: number): Promise<CannedResponse | null> { return this.workspace.getCanned(id); }
  saveCannedResponse(write: CannedWrite, now: string): Promise<CannedResponse | null> { return this.workspace.saveCanned(write, now); }
  deleteCannedResponse(id: number): Promise<boolean> { return this.workspace.deleteCanned(id); }
  listSavedViews(agentId: string): Promise<SavedView[]> { return this.workspace.listViews(agentId); }
  saveView(agentId: string, name: string, query: string, now: string): Promise<SavedView> { return this.workspace.saveView(agentId, name, query, now); }
  deleteView(agentId: string, id: number): Promise<boolean> { return this.workspace.deleteView(agentId, id); }
  ticketWatchers(ticketId: number): Promise<TicketWatcher[]> { return this.watchers.ticketWatchers(ticketId); }
  setWatching(ticketId: number, agentId: string, watch: boolean, now: string): Promise<boolean> { return this.watchers.setWatching(ticketId, agentId, watch, now); }
  watchedAmong(agentId: string, ticketIds: readonly number[]): Promise<Set<number>> { return this.watchers.watchedAmong(agentId, ticketIds); }
  moveWatchers(fromTicketId: number, toTicketId: number): Promise<void> { return this.watchers.moveWatchers(fromTicketId, toTicketId); }
  markRead(conversationId: number, messageId: number, agentId: string, now: string): Promise<boolean> { return this.watchers.markRead(conversationId, messageId, agentId, now); }
  readUpTo(conversationId: number): Promise<number | null> { return this.watchers.readUpTo(conversationId); }
}

/** A transaction lock per throttle key, taken in sorted order (no deadlock); released at commit. */
async function lockKeys(tx: PgQueries, keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) await tx.run("SELECT pg_advisory_xact_lock(hashtextextended('login:' || $1, 0))", [key]);
}

async function throttleRow(tx: PgQueries, key: string, now: string, forgetAfterMs: number): Promise<{ failures: number; last: string; next: string } | null> {
  const row = await tx.one('SELECT * FROM login_throttle WHERE key = $1', [key]);
  if (!row || plus(String(row.last_failure_at), forgetAfterMs) <= now) return null;
  return { failures: Number(row.failures), last: String(row.last_failure_at), next: String(row.next_attempt_at) };
}

async function writeThrottle(tx: PgQueries, key: string, failures: number, last: string, next: string): Promise<void> {
  await tx.run(
    `INSERT INTO login_throttle (key, failures, last_failure_at, next_attempt_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, next_attempt_at = excluded.next_attempt_at`,
    [key, failures, last, next]);
}
