import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendAsset, sendHtml, sendJson, SECURITY_HEADERS } from '../../src/http/body';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import { MAX_TEXT_LENGTH, type ConversationRef, type OutboundMessage } from '../../src/types/conversation';
import { WEBCHAT_PAGE, WEBCHAT_SCRIPT } from './webchat.page';
import { clientIp, createRateLimiter, enforceRateLimit, WEBCHAT_LIMITS, type BucketOptions } from '../../src/http/rate-limit';

/** Settings of the web chat; `rateLimits: false` switches the per-IP and per-session buckets off (load tools). */
export type WebchatChannelConfig = {
  maxStreamsPerSession?: number;
  rateLimits?: { perIp: BucketOptions; perSession: BucketOptions } | false;
};

const COOKIE = 'fd_chat';
const SESSION_ID = /^[A-Za-z0-9_-]{22,64}$/;

const PostedMessage = z.object({
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'clientMessageId: 1-64 letters, digits, - or _'),
  text: z.string().max(MAX_TEXT_LENGTH).default(''),
  action: z.object({ id: z.string().max(200), value: z.string().max(2000) }).optional(),
}).refine((m) => m.text.trim() !== '' || m.action, { message: 'text is empty' });

/**
 * The built-in web chat: a page at `/`, messages in by HTTP POST, replies out by server-sent events.
 * A session is an unguessable id in an HttpOnly cookie; the event id is the outbox id, so a reconnecting
 * page replays what it missed (Last-Event-ID) and drops anything it already has.
 */
export class WebchatChannel implements ChannelAdapter {
  readonly name = 'webchat' as const;
  readonly capabilities: ChannelCapabilities = { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 8000, markdown: 'markdown' };
  private ctx: ChannelContext | null = null;
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private readonly limits;

  constructor(private readonly config: WebchatChannelConfig = {}) {
    const limits = config.rateLimits === undefined ? WEBCHAT_LIMITS : config.rateLimits;
    this.limits = limits ? { perIp: createRateLimiter(limits.perIp), perSession: createRateLimiter(limits.perSession) } : null;
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    ctx.router.add('GET', '/', (_req, res) => sendHtml(res, WEBCHAT_PAGE));
    ctx.router.add('GET', '/webchat.js', (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', WEBCHAT_SCRIPT));
    ctx.router.add('POST', '/api/chat/session', (req, res) => this.openSession(req, res));
    ctx.router.add('POST', '/api/chat/messages', (req, res) => this.postMessage(req, res));
    ctx.router.add('GET', '/api/chat/events', (req, res) => this.openStream(req, res));
  }

  async stop(): Promise<void> {
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    // Nobody connected is fine: the page replays the transcript when it (re)connects.
    for (const res of this.streams.get(ref.conversationId) ?? []) writeEvent(res, deliveryId, { from: 'bot', message });
  }

  private openSession(req: IncomingMessage, res: ServerResponse): void {
    if (this.limits) enforceRateLimit(this.limits.perIp, clientIp(req), res, 'per address');
    const existing = sessionOf(req);
    const id = existing ?? randomBytes(18).toString('base64url');
    res.setHeader('set-cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000`);
    sendJson(res, 200, { sessionId: id });
  }

  private async postMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const session = requireSession(req);
    if (this.limits) {
      // Checked before the body is read: a flood costs us as little as possible.
      enforceRateLimit(this.limits.perIp, clientIp(req), res, 'per address');
      enforceRateLimit(this.limits.perSession, session, res, 'per chat session');
    }
    const parsed = PostedMessage.safeParse(await readJson(req, 64 * 1024));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => i.message).join('; '));
    const result = await this.context().accept({
      ref: refOf(session),
      platformMessageId: `${session}:${parsed.data.clientMessageId}`,
      text: parsed.data.text,
      action: parsed.data.action,
    });
    sendJson(res, 202, { status: result.status });
  }

  private async openStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const session = requireSession(req);
    const set = this.streams.get(session) ?? new Set<ServerResponse>();
    if (set.size >= (this.config.maxStreamsPerSession ?? 5)) throw new HttpError(429, 'too many open chat windows for this session');
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    set.add(res);
    this.streams.set(session, set);
    req.on('close', () => {
      set.delete(res);
      if (set.size === 0) this.streams.delete(session);
    });
    const after = Number(req.headers['last-event-id'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? 0);
    await this.replay(session, res, Number.isSafeInteger(after) && after > 0 ? after : 0);
  }

  /**
   * Send what the page has not seen. A first connection (no Last-Event-ID) gets the whole conversation,
   * the user's own messages included; a reconnection only the replies delivered since its last event.
   */
  private async replay(session: string, res: ServerResponse, afterOutboxId: number): Promise<void> {
    const messages = await this.context().transcript(refOf(session));
    for (const m of messages) {
      if (m.direction === 'in' && !afterOutboxId) res.write(`event: echo\ndata: ${JSON.stringify({ from: 'user', text: m.text, id: m.id })}\n\n`);
      else if (m.outboxId !== null && m.outboxId > afterOutboxId && m.delivery === 'sent') {
        writeEvent(res, m.outboxId, { from: 'bot', message: m.payload as OutboundMessage });
      }
    }
  }

  private context(): ChannelContext {
    if (!this.ctx) throw new Error('web chat used before start()');
    return this.ctx;
  }
}

function writeEvent(res: ServerResponse, id: number, data: unknown): void {
  res.write(`id: ${id}\nevent: message\ndata: ${JSON.stringify(data)}\n\n`);
}

function refOf(session: string): ConversationRef {
  return { channel: 'webchat', conversationId: session, userId: session };
}

function sessionOf(req: IncomingMessage): string | undefined {
  const cookies = String(req.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  const value = cookies.find(([name]) => name === COOKIE)?.[1];
  return value && SESSION_ID.test(value) ? value : undefined;
}

function requireSession(req: IncomingMessage): string {
  const session = sessionOf(req);
  if (!session) throw new HttpError(401, 'no chat session: POST /api/chat/session first');
  return session;
}

/** Create the web chat channel. */
export function createWebchatChannel(config: WebchatChannelConfig = {}): WebchatChannel {
  return new WebchatChannel(config);
}
