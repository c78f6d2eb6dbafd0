import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/body';
import { clientOf } from '../http/client-address';
import type { Logger } from '../log';
import type { Agent, AgentStore, ConsoleSession } from '../store/agent-store';
import { dummyPasswordHash, verifyPassword } from './password';
import { FORGET_FAILURES_AFTER_MS, type LoginDelayPolicy } from './login-delay';

/** Name of the console's session cookie (scoped to /console). */
export const CONSOLE_COOKIE = 'fd_console';
const SESSION_MS = 12 * 3600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Result of a login attempt. */
export type LoginOutcome =
  | { ok: true; agent: Agent; token: string; csrfToken: string; expiresAt: string }
  | { ok: false; reason: 'invalid' | 'locked'; retryAfterSeconds?: number };

/** Only the SHA-256 of a session token is stored: a leaked database does not log anyone in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Delay policies of failed logins per account and per client address. */
export type LoginPolicies = { account: LoginDelayPolicy; address: LoginDelayPolicy };

/** Defaults: delays after 5 failures of one account or 20 from one address, at most 5 minutes. */
export const DEFAULT_LOGIN_POLICIES: LoginPolicies = {
  account: { freeFailures: 5, maxDelayMs: 300_000, forgetAfterMs: FORGET_FAILURES_AFTER_MS },
  address: { freeFailures: 20, maxDelayMs: 300_000, forgetAfterMs: FORGET_FAILURES_AFTER_MS },
};

/** Logins, sessions and the per-request checks (session, CSRF token, role) of the console. */
export class ConsoleAuth {
  constructor(
    private readonly agents: AgentStore,
    private readonly clock: () => Date,
    private readonly log: Logger,
    private readonly secureCookie: boolean,
    private readonly policies: LoginPolicies = DEFAULT_LOGIN_POLICIES,
    private readonly onThrottled: () => void = () => {},
  ) {}

  /**
   * Check a password under progressive delays per account and per address. The attempt is counted as a
   * failure before the password is checked (atomically in the store), so a burst of parallel guesses gets
   * no more checks than the free failures allow; a success then resets the account and gives the address
   * its failure back.
   */
  async login(rawLogin: string, password: string, ip?: string): Promise<LoginOutcome> {
    const login = rawLogin.trim().toLowerCase().slice(0, 64);
    const now = this.clock().toISOString();
    const account = { key: `account:${login}`, policy: this.policies.account };
    const address = ip === undefined ? null : { key: `address:${ip}`, policy: this.policies.address };
    const reservation = await this.agents.reserveLoginAttempt(address ? [account, address] : [account], now);
    if (!reservation.ok) {
      const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(reservation.retryAt) - Date.parse(now)) / 1000));
      this.onThrottled();
      // The typed login is not logged: people type passwords into the wrong field.
      this.log.warn({ retryAfterSeconds }, 'console login delayed after failures');
      return { ok: false, reason: 'locked', retryAfterSeconds };
    }
    const stored = await this.agents.passwordHash(login);
    // Unknown logins are verified against a dummy hash so timing does not tell which ids exist.
    const valid = (await verifyPassword(password, stored ?? (await dummyPasswordHash()))) && stored !== null;
    // A disabled agent's right password is answered like a wrong one.
    const agent = valid ? await this.agents.getAgent(login) : null;
    if (!agent) {
      this.log.warn('console login refused');
      return { ok: false, reason: 'invalid' };
    }
    await this.agents.loginSucceeded(account, address, now);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.clock().getTime() + SESSION_MS).toISOString();
    await this.agents.createSession({ tokenHash: hashToken(token), agentId: agent.id, csrfToken, expiresAt }, now);
    this.log.info({ agent: agent.id }, 'console login');
    return { ok: true, agent, token, csrfToken, expiresAt };
  }

  /** The Set-Cookie value that stores a session token (or clears it with `null`). */
  cookie(token: string | null, https = false): string {
    const secure = this.secureCookie || https ? '; Secure' : '';
    return token === null
      ? `${CONSOLE_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0${secure}`
      : `${CONSOLE_COOKIE}=${token}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}${secure}`;
  }

  /** The session of the request's cookie, or null. */
  async session(req: IncomingMessage): Promise<ConsoleSession | null> {
    const token = tokenOf(req);
    return token ? this.agents.findSession(hashToken(token), this.clock().toISOString()) : null;
  }

  /**
   * The session or an HttpError: 401 without one, 403 when a state-changing request lacks the
   * session's CSRF token in `x-csrf-token` or an admin-only route is called by an agent.
   */
  async require(req: IncomingMessage, need: { csrf?: boolean; admin?: boolean } = {}): Promise<ConsoleSession> {
    const session = await this.session(req);
    if (!session) throw new HttpError(401, 'not logged in: POST /console/login first');
    if (need.csrf && !sameSecret(String(req.headers['x-csrf-token'] ?? ''), session.csrfToken)) {
      throw new HttpError(403, 'missing or wrong x-csrf-token header: read csrfToken from GET /console/api/me');
    }
    if (need.admin && session.agent.role !== 'admin') throw new HttpError(403, 'admins only');
    return session;
  }

  /** End the request's session (logout). */
  async logout(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
    const token = tokenOf(req);
    res.setHeader('set-cookie', this.cookie(null, clientOf(req).https));
    if (!token) return null;
    await this.agents.deleteSession(hashToken(token));
    return hashToken(token);
  }
}

function tokenOf(req: IncomingMessage): string | null {
  const cookies = String(req.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  const value = cookies.find(([name]) => name === CONSOLE_COOKIE)?.[1];
  return value && TOKEN.test(value) ? value : null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
