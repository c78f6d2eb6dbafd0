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

/** What creating an approval takes (the rest starts pending, unreminded, undecided). */
export type NewApproval = Omit<ApprovalRow, 'id' | 'status' | 'reason' | 'remindedAt' | 'decidedAt'>;

/** A one-time verification code's state for one directory entry. */
export type CodeRow = { subject: string; codeHash: string | null; expiresAt: string | null; tries: number; lockedUntil: string | null };

/** A one-time password page. */
export type TokenRow = { tokenHash: string; ticketId: number; personDn: string; expiresAt: string; claimedAt: string | null; usedAt: string | null };

/** One line of the directory audit. */
export type AuditEntry = { at: string; actor: string; action: string; target: string; outcome: string; detail?: string; ticketId?: number };

/** A directory audit row as stored. */
export type AuditRow = { id: number; at: string; actor: string; action: string; target: string; outcome: string; detail: string | null; ticketId: number | null };

/**
 * Self-service state (SQLite migration 11, PostgreSQL migration 9): request sessions, approvals, one-time
 * codes, one-time password pages and the directory audit. Several instances share it, so every change that
 * must happen once (settling an approval, a reminder, using a code or a page) is a conditional write that
 * exactly one caller wins.
 */
export interface RequestStore {
  /** The conversation's session, unless it was last touched before `staleBefore` (an abandoned question is not answered days later). */
  session(conversationId: number, staleBefore?: string): Promise<RequestSession | null>;
  /** Replace the conversation's session; null deletes it. */
  saveSession(conversationId: number, session: RequestSession | null, now: string): Promise<void>;
  /** Store a new pending approval; returns it with its id. */
  createApproval(a: NewApproval): Promise<ApprovalRow>;
  approval(id: number): Promise<ApprovalRow | null>;
  /** Settle a pending approval; false when it was settled already (a double click, another instance, a timeout in between). */
  settle(id: number, status: Exclude<ApprovalRow['status'], 'pending'>, reason: string | null, now: string): Promise<boolean>;
  /** Pending approvals addressed to this (lower-case) e-mail, oldest first. */
  pendingFor(approverEmail: string, limit?: number): Promise<ApprovalRow[]>;
  /** Pending approvals whose reminder or timeout is due, oldest first. */
  due(now: string, limit?: number): Promise<ApprovalRow[]>;
  /** Mark a pending approval reminded; false when it was reminded (or settled) already. */
  markReminded(id: number, now: string): Promise<boolean>;
  code(subject: string): Promise<CodeRow | null>;
  /** Store a fresh code state for the subject, whatever was there. */
  saveCode(row: CodeRow, now: string): Promise<void>;
  /** Replace the subject's code state only if it is still `expected` (its hash and tries): false when another check changed it first. */
  replaceCode(row: CodeRow, expected: Pick<CodeRow, 'codeHash' | 'tries'>, now: string): Promise<boolean>;
  createToken(t: Omit<TokenRow, 'claimedAt' | 'usedAt'>, now: string): Promise<void>;
  /** A live, unused page. */
  token(hash: string, now: string): Promise<TokenRow | null>;
  /** Claim a page for one submit at a time (two tabs, a double click, two instances): false when someone else holds it since `staleBefore`. */
  claimToken(hash: string, now: string, staleBefore: string): Promise<boolean>;
  /** Used: the page is spent; not used: the claim is released (try again). */
  finishToken(hash: string, used: boolean, now: string): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  /** Directory actions (codes sent, unlocks, resets, membership changes) after `since`, of one person (`target`) or of everyone. */
  actionsSince(since: string, target?: string): Promise<number>;
  /** The audit of one ticket, in order. */
  auditOf(ticketId: number): Promise<AuditRow[]>;
  /** The conversation where a person (by profile email) talks to the bot, Slack and Teams first, newest first. */
  conversationOfEmail(email: string): Promise<number | null>;
}

/** The directory actions the rate limits count. */
export const LIMITED_ACTIONS = ['code_sent', 'unlock', 'reset_password', 'add_member', 'remove_member'] as const;
