import { toApproval, toAudit, toCode, toToken } from '../../requests/request-rows';
import { LIMITED_ACTIONS, type ApprovalRow, type AuditEntry, type AuditRow, type CodeRow, type NewApproval, type RequestSession, type RequestStore, type TokenRow } from '../../requests/request-store';
import type { PgDatabase } from './pg-database';

/**
 * RequestStore on PostgreSQL (migration 9). Instances share it: every "once" is one conditional UPDATE, which
 * under READ COMMITTED re-checks its WHERE after waiting for a concurrent writer, so exactly one caller wins.
 */
export class PgRequestStore implements RequestStore {
  constructor(private readonly db: PgDatabase) {}

  async session(conversationId: number, staleBefore?: string): Promise<RequestSession | null> {
    const row = staleBefore
      ? await this.db.one('SELECT data_json FROM request_sessions WHERE conversation_id = $1 AND updated_at >= $2', [conversationId, staleBefore])
      : await this.db.one('SELECT data_json FROM request_sessions WHERE conversation_id = $1', [conversationId]);
    return row ? (JSON.parse(String(row.data_json)) as RequestSession) : null;
  }

  async saveSession(conversationId: number, session: RequestSession | null, now: string): Promise<void> {
    if (!session) await this.db.run('DELETE FROM request_sessions WHERE conversation_id = $1', [conversationId]);
    else await this.db.run(`INSERT INTO request_sessions (conversation_id, data_json, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (conversation_id) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at`, [conversationId, JSON.stringify(session), now]);
  }

  async createApproval(a: NewApproval): Promise<ApprovalRow> {
    const row = await this.db.one(`INSERT INTO approvals (ticket_id, catalog_id, request_json, requester_email, approver_email, approver_name, step, remind_at, escalate_at, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [a.ticketId, a.catalogId, JSON.stringify(a.request), a.requesterEmail, a.approverEmail, a.approverName, a.step, a.remindAt, a.escalateAt, a.createdAt]);
    return toApproval(row!);
  }

  async approval(id: number): Promise<ApprovalRow | null> {
    // An id from a click or a link that is no bigint is simply not found (SQLite answers the same).
    if (!Number.isSafeInteger(id)) return null;
    const row = await this.db.one('SELECT * FROM approvals WHERE id = $1', [id]);
    return row ? toApproval(row) : null;
  }

  async settle(id: number, status: Exclude<ApprovalRow['status'], 'pending'>, reason: string | null, now: string): Promise<boolean> {
    return (await this.db.run("UPDATE approvals SET status = $1, reason = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'", [status, reason, now, id])) === 1;
  }

  async pendingFor(approverEmail: string, limit = 200): Promise<ApprovalRow[]> {
    return (await this.db.rows("SELECT * FROM approvals WHERE approver_email = $1 AND status = 'pending' ORDER BY id LIMIT $2", [approverEmail, limit])).map(toApproval);
  }

  async due(now: string, limit = 200): Promise<ApprovalRow[]> {
    return (await this.db.rows("SELECT * FROM approvals WHERE status = 'pending' AND (escalate_at <= $1 OR (reminded_at IS NULL AND remind_at <= $1)) ORDER BY id LIMIT $2", [now, limit])).map(toApproval);
  }

  async markReminded(id: number, now: string): Promise<boolean> {
    return (await this.db.run("UPDATE approvals SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND status = 'pending'", [now, id])) === 1;
  }

  async code(subject: string): Promise<CodeRow | null> {
    const row = await this.db.one('SELECT * FROM verification_codes WHERE subject = $1', [subject]);
    return row ? toCode(row) : null;
  }

  async saveCode(row: CodeRow, now: string): Promise<void> {
    await this.db.run(`INSERT INTO verification_codes (subject, code_hash, expires_at, tries, locked_until, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (subject) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, tries = excluded.tries, locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    [row.subject, row.codeHash, row.expiresAt, row.tries, row.lockedUntil, now]);
  }

  async replaceCode(row: CodeRow, expected: Pick<CodeRow, 'codeHash' | 'tries'>, now: string): Promise<boolean> {
    return (await this.db.run(`UPDATE verification_codes SET code_hash = $1, expires_at = $2, tries = $3, locked_until = $4, updated_at = $5
      WHERE subject = $6 AND code_hash IS NOT DISTINCT FROM $7 AND tries = $8`,
    [row.codeHash, row.expiresAt, row.tries, row.lockedUntil, now, row.subject, expected.codeHash, expected.tries])) === 1;
  }

  async createToken(t: Omit<TokenRow, 'claimedAt' | 'usedAt'>, now: string): Promise<void> {
    await this.db.run('INSERT INTO password_tokens (token_hash, ticket_id, person_dn, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)', [t.tokenHash, t.ticketId, t.personDn, t.expiresAt, now]);
  }

  async token(hash: string, now: string): Promise<TokenRow | null> {
    const row = await this.db.one('SELECT * FROM password_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [hash, now]);
    return row ? toToken(row) : null;
  }

  async claimToken(hash: string, now: string, staleBefore: string): Promise<boolean> {
    return (await this.db.run('UPDATE password_tokens SET claimed_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 AND (claimed_at IS NULL OR claimed_at < $3)',
      [now, hash, staleBefore])) === 1;
  }

  async finishToken(hash: string, used: boolean, now: string): Promise<void> {
    if (used) await this.db.run('UPDATE password_tokens SET used_at = $1 WHERE token_hash = $2', [now, hash]);
    else await this.db.run('UPDATE password_tokens SET claimed_at = NULL WHERE token_hash = $1', [hash]);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db.run('INSERT INTO directory_audit (at, actor, action, target, outcome, detail, ticket_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.at, entry.actor, entry.action, entry.target, entry.outcome, entry.detail ?? null, entry.ticketId ?? null]);
  }

  async actionsSince(since: string, target?: string): Promise<number> {
    const row = target
      ? await this.db.one('SELECT count(*) AS n FROM directory_audit WHERE at > $1 AND action = ANY($2::text[]) AND target = $3', [since, LIMITED_ACTIONS, target])
      : await this.db.one('SELECT count(*) AS n FROM directory_audit WHERE at > $1 AND action = ANY($2::text[])', [since, LIMITED_ACTIONS]);
    return Number(row?.n ?? 0);
  }

  async auditOf(ticketId: number): Promise<AuditRow[]> {
    return (await this.db.rows('SELECT * FROM directory_audit WHERE ticket_id = $1 ORDER BY id', [ticketId])).map(toAudit);
  }

  async conversationOfEmail(email: string): Promise<number | null> {
    const row = await this.db.one(`SELECT c.id FROM conversations c JOIN users u ON u.id = c.user_id WHERE lower(u.email) = lower($1) AND c.channel IN ('slack', 'teams', 'email')
      ORDER BY CASE c.channel WHEN 'slack' THEN 0 WHEN 'teams' THEN 1 ELSE 2 END, c.updated_at DESC, c.id DESC LIMIT 1`, [email]);
    return row ? Number(row.id) : null;
  }
}
