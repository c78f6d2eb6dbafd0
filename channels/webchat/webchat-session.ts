import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Random part and MAC part of a session id, 22 base64url characters each. */
const PART = 22;
const SESSION_ID = /^[A-Za-z0-9_-]{44}$/;
/** Verified session ids kept in memory (about 1 MB at most). */
const RECENT_IDS = 10_000;

/** What the request's cookies say: one valid issued session, none, or several different ones. */
export type CookieSession = { kind: 'session'; id: string } | { kind: 'none' } | { kind: 'ambiguous' };

/**
 * Web chat session ids the server issued: 16 random bytes plus a MAC of them under the installation's key.
 * Checking one costs an HMAC and no database read, so a flood of made-up cookies is cheap to refuse, and a
 * client cannot choose its own id (session fixation).
 */
export class WebchatSessions {
  /** `secure`: PUBLIC_URL is https, so the cookie is `__Host-` prefixed (no subdomain can set or shadow it). */
  constructor(private readonly key: Buffer, readonly secure: boolean) {}

  /** The cookie's name: `__Host-fd_chat` under https, `fd_chat` otherwise. */
  get cookieName(): string {
    return this.secure ? '__Host-fd_chat' : 'fd_chat';
  }

  /** A fresh session id. */
  issue(): string {
    const random = randomBytes(16).toString('base64url');
    return random + this.mac(random);
  }

  /** Whether `id` is one this server issued. */
  verify(id: string): boolean {
    if (this.recent.has(id)) return true;
    if (!SESSION_ID.test(id)) return false;
    const given = Buffer.from(id.slice(PART));
    const expected = Buffer.from(this.mac(id.slice(0, PART)));
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    if (valid) this.remember(id);
    return valid;
  }

  /**
   * Ids verified lately, so a chat's next message skips the HMAC: under overload every request is checked
   * before it is refused, and the MAC was a tenth of a refusal's cost. Only valid ids are kept (made-up ones
   * cannot fill it), and an issued id never stops being valid, so the cache changes no answer.
   */
  private readonly recent = new Set<string>();

  private remember(id: string): void {
    if (this.recent.size >= RECENT_IDS) this.recent.delete(this.recent.values().next().value as string);
    this.recent.add(id);
  }

  /**
   * The session of the request's cookies. Two different session cookies (one planted for a parent domain
   * or a narrower path, "cookie tossing") are ambiguous: neither is used, rather than whichever came first.
   */
  fromRequest(req: IncomingMessage): CookieSession {
    const values = new Set<string>();
    for (const part of String(req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === this.cookieName) values.add(part.slice(eq + 1).trim());
    }
    if (values.size > 1) return { kind: 'ambiguous' };
    const [id] = values;
    return id !== undefined && this.verify(id) ? { kind: 'session', id } : { kind: 'none' };
  }

  /** Set-Cookie for `id` (30 days), or clearing the cookie with null. `https`: the request came over TLS. */
  cookie(id: string | null, https: boolean): string {
    const secure = this.secure || https ? '; Secure' : '';
    return id === null
      ? `${this.cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`
      : `${this.cookieName}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}`;
  }

  private mac(random: string): string {
    return createHmac('sha256', this.key).update(random).digest().subarray(0, 16).toString('base64url');
  }
}
