import type { ApprovalRow, AuditRow, CodeRow, TokenRow } from './request-store';

/** A row as either database returns it (PostgreSQL's times come back as the same ISO strings SQLite holds). */
export type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An approvals row as ApprovalRow (both databases return the same column names and ISO times). */
export const toApproval = (r: Row): ApprovalRow => ({
  id: Number(r.id), ticketId: Number(r.ticket_id), catalogId: String(r.catalog_id), request: JSON.parse(String(r.request_json)),
  requesterEmail: String(r.requester_email), approverEmail: String(r.approver_email), approverName: text(r.approver_name),
  step: Number(r.step), status: r.status as ApprovalRow['status'], reason: text(r.reason),
  remindAt: String(r.remind_at), escalateAt: String(r.escalate_at), remindedAt: text(r.reminded_at),
  decidedAt: text(r.decided_at), createdAt: String(r.created_at),
});

/** A verification_codes row as CodeRow. */
export const toCode = (r: Row): CodeRow => ({ subject: String(r.subject), codeHash: text(r.code_hash), expiresAt: text(r.expires_at), tries: Number(r.tries), lockedUntil: text(r.locked_until) });

/** A password_tokens row as TokenRow. */
export const toToken = (r: Row): TokenRow => ({
  tokenHash: String(r.token_hash), ticketId: Number(r.ticket_id), personDn: String(r.person_dn), expiresAt: String(r.expires_at), claimedAt: text(r.claimed_at), usedAt: text(r.used_at),
});

/** A directory_audit row as AuditRow. */
export const toAudit = (r: Row): AuditRow => ({
  id: Number(r.id), at: String(r.at), actor: String(r.actor), action: String(r.action), target: String(r.target), outcome: String(r.outcome),
  detail: text(r.detail), ticketId: r.ticket_id === null || r.ticket_id === undefined ? null : Number(r.ticket_id),
});
