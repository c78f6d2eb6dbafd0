import type Database from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';
import { toApproval, toAudit, toCode, toToken, type Row } from './request-rows';
import { LIMITED_ACTIONS, type ApprovalRow, type AuditEntry, type AuditRow, type CodeRow, type NewApproval, type RequestSession, type RequestStore, type TokenRow } from './request-store';

const LIMITED = LIMITED_ACTIONS.map((a) => `'${a}'`).join(', ');

/** RequestStore on the SQLite file (tables of migration 11); one process writes at a time, so each conditional UPDATE has one winner. */
export class SqliteRequestStore implements RequestStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async session(conversationId: number, staleBefore = ''): Promise<RequestSession | null> {
    const row = this.stmt('SELECT data_json FROM request_sessions WHERE conversation_id = ? AND updated_at >= ?').get(conversationId, staleBefore) as Row | undefined;
    return row ? (JSON.parse(String(row.data_json)) as RequestSession) : null;
  }

  async saveSession(conversationId: number, session: RequestSession | null, now: string): Promise<void> {
    if (!session) this.stmt('DELETE FROM request_sessions WHERE conversation_id = ?').run(conversationId);
    else this.stmt('INSERT INTO request_sessions (conversation_id, data_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at')
      .run(conversationId, JSON.stringify(session), now);
  }

  async createApproval(a: NewApproval): Promise<ApprovalRow> {
    const info = this.stmt(`INSERT INTO approvals (ticket_id, catalog_id, request_json, requester_email, approver_email, approver_name, step, remind_at, escalate_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(a.ticketId, a.catalogId, JSON.stringify(a.request), a.requesterEmail, a.approverEmail, a.approverName, a.step, a.remindAt, a.escalateAt, a.createdAt);
    return (await this.approval(Number(info.lastInsertRowid))) as ApprovalRow;
  }

  async approval(id: number): Promise<ApprovalRow | null> {
    const row = this.stmt('SELECT * FROM approvals WHERE id = ?').get(id) as Row | undefined;
    return row ? toApproval(row) : null;
  }

  async settle(id: number, status: Exclude<ApprovalRow['status'], 'pending'>, reason: string | null, now: string): Promise<boolean> {
    return this.stmt("UPDATE approvals SET status = ?, reason = ?, decided_at = ? WHERE id = ? AND status = 'pending'").run(status, reason, now, id).changes === 1;
  }

  async pendingFor(approverEmail: string, limit = 200): Promise<ApprovalRow[]> {
    return (this.stmt("SELECT * FROM approvals WHERE approver_email = ? AND status = 'pending' ORDER BY id LIMIT ?").all(approverEmail, limit) as Row[]).map(toApproval);
  }

  async due(now: string, limit = 200): Promise<ApprovalRow[]> {
    return (this.stmt("SELECT * FROM approvals WHERE status = 'pending' AND (escalate_at <= ? OR (reminded_at IS NULL AND remind_at <= ?)) ORDER BY id LIMIT ?")
      .all(now, now, limit) as Row[]).map(toApproval);
  }

  async markReminded(id: number, now: string): Promise<boolean> {
    return this.stmt("UPDATE approvals SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND status = 'pending'").run(now, id).changes === 1;
  }

  async code(subject: string): Promise<CodeRow | null> {
    const r = this.stmt('SELECT * FROM verification_codes WHERE subject = ?').get(subject) as Row | undefined;
    return r ? toCode(r) : null;
  }

  async saveCode(row: CodeRow, now: string): Promise<void> {
    this.stmt(`INSERT INTO verification_codes (subject, code_hash, expires_at, tries, locked_until, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (subject) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, tries = excluded.tries, locked_until = excluded.locked_until, updated_at = excluded.updated_at`)
      .run(row.subject, row.codeHash, row.expiresAt, row.tries, row.lockedUntil, now);
  }

  async replaceCode(row: CodeRow, expected: Pick<CodeRow, 'codeHash' | 'tries'>, now: string): Promise<boolean> {
    return this.stmt('UPDATE verification_codes SET code_hash = ?, expires_at = ?, tries = ?, locked_until = ?, updated_at = ? WHERE subject = ? AND code_hash IS ? AND tries = ?')
      .run(row.codeHash, row.expiresAt, row.tries, row.lockedUntil, now, row.subject, expected.codeHash, expected.tries).changes === 1;
  }

  async createToken(t: Omit<TokenRow, 'claimedAt' | 'usedAt'>, now: string): Promise<void> {
    this.stmt('INSERT INTO password_tokens (token_hash, ticket_id, person_dn, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(t.tokenHash, t.ticketId, t.personDn, t.expiresAt, now);
  }

  async token(hash: string, now: string): Promise<TokenRow | null> {
    const r = this.stmt('SELECT * FROM password_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').get(hash, now) as Row | undefined;
    return r ? toToken(r) : null;
  }

  async claimToken(hash: string, now: string, staleBefore: string): Promise<boolean> {
    return this.stmt('UPDATE password_tokens SET claimed_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND (claimed_at IS NULL OR claimed_at < ?)')
      .run(now, hash, now, staleBefore).changes === 1;
  }

  async finishToken(hash: string, used: boolean, now: string): Promise<void> {
    if (used) this.stmt('UPDATE password_tokens SET used_at = ? WHERE token_hash = ?').run(now, hash);
    else this.stmt('UPDATE password_tokens SET claimed_at = NULL WHERE token_hash = ?').run(hash);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.stmt('INSERT INTO directory_audit (at, actor, action, target, outcome, detail, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, entry.target, entry.outcome, entry.detail ?? null, entry.ticketId ?? null);
  }

  async actionsSince(since: string, target?: string): Promise<number> {
    const sql = `SELECT count(*) AS n FROM directory_audit WHERE at > ? AND action IN (${LIMITED})${target ? ' AND target = ?' : ''}`;
    return Number((this.stmt(sql).get(...(target ? [since, target] : [since])) as Row).n);
  }

  async auditOf(ticketId: number): Promise<AuditRow[]> {
    return (this.stmt('SELECT * FROM directory_audit WHERE ticket_id = ? ORDER BY id').all(ticketId) as Row[]).map(toAudit);
  }

  async conversationOfEmail(email: string): Promise<number | null> {
    const r = this.stmt(`SELECT c.id FROM conversations c JOIN users u ON u.id = c.user_id WHERE lower(u.email) = lower(?) AND c.channel IN ('slack', 'teams', 'email')
      ORDER BY CASE c.channel WHEN 'slack' THEN 0 WHEN 'teams' THEN 1 ELSE 2 END, c.updated_at DESC, c.id DESC LIMIT 1`).get(email) as Row | undefined;
    return r ? Number(r.id) : null;
  }
}
