import type Database from 'better-sqlite3';
import { statementCache } from '../store/statement-cache';

/** Where a request conversation stands (kept per conversation, beside the engine's own state). */
export type RequestSession = {
  /** requester: answering questions or a code; approver: writing the reason of a denial. */
  step: 'ask' | 'code' | 'deny_reason';
  catalogId?: string;
  answers?: Record<string, string>;
  ticketId?: number;
  personDn?: string;
  approvalId?: number;
};

/** One approval asked of one approver (a timeout asks the next one in a new row). */
export type ApprovalRow = {
  id: number; ticketId: number; catalogId: string; request: Record<string, string>;
  requesterEmail: string; approverEmail: string; approverName: string | null; step: number;
  status: 'pending' | 'approved' | 'denied' | 'escalated' | 'expired'; reason: string | null;
  remindAt: string; escalateAt: string; remindedAt: string | null; decidedAt: string | null; createdAt: string;
};

/** A one-time verification code's state for one directory entry. */
export type CodeRow = { subject: string; codeHash: string | null; expiresAt: string | null; tries: number; lockedUntil: string | null };

/** A one-time password page. */
export type TokenRow = { tokenHash: string; ticketId: number; personDn: string; expiresAt: string; claimedAt: string | null; usedAt: string | null };

type Row = Record<string, unknown>;
const toApproval = (r: Row): ApprovalRow => ({
  id: Number(r.id), ticketId: Number(r.ticket_id), catalogId: String(r.catalog_id), request: JSON.parse(String(r.request_json)),
  requesterEmail: String(r.requester_email), approverEmail: String(r.approver_email), approverName: (r.approver_name as string | null) ?? null,
  step: Number(r.step), status: r.status as ApprovalRow['status'], reason: (r.reason as string | null) ?? null,
  remindAt: String(r.remind_at), escalateAt: String(r.escalate_at), remindedAt: (r.reminded_at as string | null) ?? null,
  decidedAt: (r.decided_at as string | null) ?? null, createdAt: String(r.created_at),
});

/** The tables of migration 11: request sessions, approvals, codes, password pages, the directory audit. */
export class RequestDb {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  /** The conversation's session, unless it was last touched before `staleBefore` (an abandoned question is not answered days later). */
  session(conversationId: number, staleBefore = ''): RequestSession | null {
    const row = this.stmt('SELECT data_json FROM request_sessions WHERE conversation_id = ? AND updated_at >= ?').get(conversationId, staleBefore) as Row | undefined;
    return row ? (JSON.parse(String(row.data_json)) as RequestSession) : null;
  }

  saveSession(conversationId: number, session: RequestSession | null, now: string): void {
    if (!session) this.stmt('DELETE FROM request_sessions WHERE conversation_id = ?').run(conversationId);
    else this.stmt('INSERT INTO request_sessions (conversation_id, data_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at')
      .run(conversationId, JSON.stringify(session), now);
  }

  createApproval(a: Omit<ApprovalRow, 'id' | 'status' | 'reason' | 'remindedAt' | 'decidedAt'>): number {
    const info = this.stmt(`INSERT INTO approvals (ticket_id, catalog_id, request_json, requester_email, approver_email, approver_name, step, remind_at, escalate_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(a.ticketId, a.catalogId, JSON.stringify(a.request), a.requesterEmail, a.approverEmail, a.approverName, a.step, a.remindAt, a.escalateAt, a.createdAt);
    return Number(info.lastInsertRowid);
  }

  approval(id: number): ApprovalRow | null {
    const row = this.stmt('SELECT * FROM approvals WHERE id = ?').get(id) as Row | undefined;
    return row ? toApproval(row) : null;
  }

  /** Settle a pending approval; false when it was settled already (a double click, a timeout in between). */
  settle(id: number, status: Exclude<ApprovalRow['status'], 'pending'>, reason: string | null, now: string): boolean {
    return this.stmt("UPDATE approvals SET status = ?, reason = ?, decided_at = ? WHERE id = ? AND status = 'pending'").run(status, reason, now, id).changes === 1;
  }

  /** Pending approvals addressed to this (lower-case) e-mail, oldest first. */
  pendingFor(approverEmail: string, limit = 200): ApprovalRow[] {
    return (this.stmt("SELECT * FROM approvals WHERE approver_email = ? AND status = 'pending' ORDER BY id LIMIT ?").all(approverEmail, limit) as Row[]).map(toApproval);
  }

  /** Pending approvals whose reminder or timeout is due. */
  due(now: string, limit = 200): ApprovalRow[] {
    return (this.stmt("SELECT * FROM approvals WHERE status = 'pending' AND (escalate_at <= ? OR (reminded_at IS NULL AND remind_at <= ?)) ORDER BY id LIMIT ?")
      .all(now, now, limit) as Row[]).map(toApproval);
  }

  markReminded(id: number, now: string): boolean {
    return this.stmt("UPDATE approvals SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND status = 'pending'").run(now, id).changes === 1;
  }

  code(subject: string): CodeRow | null {
    const r = this.stmt('SELECT * FROM verification_codes WHERE subject = ?').get(subject) as Row | undefined;
    return r ? { subject, codeHash: (r.code_hash as string | null) ?? null, expiresAt: (r.expires_at as string | null) ?? null, tries: Number(r.tries), lockedUntil: (r.locked_until as string | null) ?? null } : null;
  }

  saveCode(row: CodeRow, now: string): void {
    this.stmt(`INSERT INTO verification_codes (subject, code_hash, expires_at, tries, locked_until, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (subject) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, tries = excluded.tries, locked_until = excluded.locked_until, updated_at = excluded.updated_at`)
      .run(row.subject, row.codeHash, row.expiresAt, row.tries, row.lockedUntil, now);
  }

  createToken(t: Omit<TokenRow, 'claimedAt' | 'usedAt'>, now: string): void {
    this.stmt('INSERT INTO password_tokens (token_hash, ticket_id, person_dn, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(t.tokenHash, t.ticketId, t.personDn, t.expiresAt, now);
  }

  /** A live, unused page (not claimed by a submit in progress in the last minute). */
  token(hash: string, now: string): TokenRow | null {
    const r = this.stmt('SELECT * FROM password_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').get(hash, now) as Row | undefined;
    return r ? { tokenHash: hash, ticketId: Number(r.ticket_id), personDn: String(r.person_dn), expiresAt: String(r.expires_at), claimedAt: (r.claimed_at as string | null) ?? null, usedAt: null } : null;
  }

  /** Claim a page for one submit at a time (two tabs, a double click): false when someone else holds it. */
  claimToken(hash: string, now: string, staleBefore: string): boolean {
    return this.stmt('UPDATE password_tokens SET claimed_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND (claimed_at IS NULL OR claimed_at < ?)')
      .run(now, hash, now, staleBefore).changes === 1;
  }

  finishToken(hash: string, used: boolean, now: string): void {
    if (used) this.stmt('UPDATE password_tokens SET used_at = ? WHERE token_hash = ?').run(now, hash);
    else this.stmt('UPDATE password_tokens SET claimed_at = NULL WHERE token_hash = ?').run(hash);
  }

  audit(entry: { at: string; actor: string; action: string; target: string; outcome: string; detail?: string; ticketId?: number }): void {
    this.stmt('INSERT INTO directory_audit (at, actor, action, target, outcome, detail, ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, entry.target, entry.outcome, entry.detail ?? null, entry.ticketId ?? null);
  }

  /** Directory actions since `since`, of one person (`target`) or of everyone. */
  actionsSince(since: string, target?: string): number {
    const sql = `SELECT count(*) AS n FROM directory_audit WHERE at > ? AND action IN ('code_sent', 'unlock', 'reset_password', 'add_member', 'remove_member')${target ? ' AND target = ?' : ''}`;
    return Number((this.stmt(sql).get(...(target ? [since, target] : [since])) as Row).n);
  }

  auditOf(ticketId: number): Row[] {
    return this.stmt('SELECT * FROM directory_audit WHERE ticket_id = ? ORDER BY id').all(ticketId) as Row[];
  }

  /** The conversation where a person (by profile email) talks to the bot, Slack and Teams first, newest first. */
  conversationOfEmail(email: string): number | null {
    const r = this.stmt(`SELECT c.id FROM conversations c JOIN users u ON u.id = c.user_id WHERE lower(u.email) = lower(?) AND c.channel IN ('slack', 'teams', 'email')
      ORDER BY CASE c.channel WHEN 'slack' THEN 0 WHEN 'teams' THEN 1 ELSE 2 END, c.updated_at DESC LIMIT 1`).get(email) as Row | undefined;
    return r ? Number(r.id) : null;
  }
}
