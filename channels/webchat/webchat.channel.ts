import { timeZoneField } from '../../src/types/time-zone';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendAsset, sendBusy, sendHtml, sendJson } from '../../src/http/body';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import { MAX_TEXT_LENGTH, type ConversationRef, type OutboundMessage } from '../../src/types/conversation';
import { WEBCHAT_PAGE, WEBCHAT_SCRIPT } from './webchat.page';
import { clientIp, createRateLimiter, enforceRateLimit, parseBucket, WEBCHAT_LIMITS, type BucketOptions } from '../../src/http/rate-limit';
import { clientOf } from '../../src/http/client-address';
import type { Config } from '../../src/config';
import type { EventStream } from '../../src/http/stream-gate';
import { WebchatSessions } from './webchat-session';
import { decideEnd } from './webchat-end';
import { MAX_LIVE_PAYLOAD } from '../../src/cluster/live-bus';
import { attachmentsDirOf } from '../../src/files/attachment-files';
import { PostedFileIds, WebchatFiles, pageFileOf, type WebchatFilesOptions } from './webchat-files';
import { CLIENT_MESSAGE_ID } from './webchat-request';
import { StreamReplies } from './webchat-stream-replies';

/** A reply's announcement to the other instances is tried this many times, 0.5 s, 1 s, 2 s... apart. */
const ANNOUNCE_ATTEMPTS = 6;
const ANNOUNCE_RETRY_MS = 250;

/**
 * Settings of the web chat. `secure`: PUBLIC_URL is https (Secure, `__Host-` cookie); `rateLimits: false`
 * switches the per-address and per-session buckets off (load tools).
 */
export type WebchatChannelConfig = {
  secure?: boolean;
  rateLimits?: { perIp: BucketOptions; perSession: BucketOptions } | false;
  /** Attachments (WEBCHAT_MAX_FILE_MB, WEBCHAT_FILE_TYPES); without them the page offers none. */
  files?: WebchatFilesOptions;
};

/** The web chat's settings from the configuration. */
export function webchatConfigFrom(config: Config): WebchatChannelConfig {
  return {
    secure: config.PUBLIC_URL.startsWith('https:'),
    rateLimits: { perIp: parseBucket(config.RATE_LIMIT_CHAT_PER_ADDRESS), perSession: parseBucket(config.RATE_LIMIT_CHAT_PER_SESSION) },
    files: {
      dir: attachmentsDirOf(config),
      maxBytes: Math.round(config.WEBCHAT_MAX_FILE_MB * 1024 * 1024),
      types: config.WEBCHAT_FILE_TYPES.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean),
    },
  };
}

const PostedMessage = z.object({
  clientMessageId: z.string().regex(CLIENT_MESSAGE_ID, 'clientMessageId: 1-64 letters, digits, - or _'),
  text: z.string().max(MAX_TEXT_LENGTH).default(''),
  action: z.object({ id: z.string().max(200), value: z.string().max(2000) }).optional(),
  /** Ids of files uploaded for this message (POST /api/chat/files); a message may be a file alone. */
  files: PostedFileIds.default([]),
  /** The browser's time zone (Intl): due times are told in it. One the server does not know is ignored. */
  timeZone: z.string().max(64).optional(),
}).refine((m) => m.text.trim() !== '' || m.action || m.files.length > 0, { message: 'text is empty' });

/**
 * The built-in web chat: a page at `/`, messages in by HTTP POST, replies out by server-sent events.
 * A session is an id the server issued (WebchatSessions) in an HttpOnly cookie; streams open through the
 * shared StreamGate (caps, keep-alive, idle timeout); "End chat" forgets the session in that browser. The
 * event id is the outbox id, so a reconnecting page replays what it missed (Last-Event-ID) and drops
 * anything it already has. New messages are refused with 503 before their body is read when the turn queue
 * is over its wait budget.
 */
export class WebchatChannel implements ChannelAdapter {
  readonly name = 'webchat' as const;
  readonly capabilities: ChannelCapabilities = { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 8000, markdown: 'markdown' };
  private ctx: ChannelContext | null = null;
  private readonly streams = new Map<string, Set<EventStream>>();
  private replies: StreamReplies | null = null;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly limits;
  private sessions: WebchatSessions | null = null;
  private files: WebchatFiles | null = null;

  constructor(private readonly config: WebchatChannelConfig = {}) {
    const limits = config.rateLimits === undefined ? WEBCHAT_LIMITS : config.rateLimits;
    this.limits = limits ? { perIp: createRateLimiter(limits.perIp), perSession: createRateLimiter(limits.perSession) } : null;
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    this.sessions = new WebchatSessions(ctx.secret('webchat-session'), this.config.secure ?? false);
    this.replies = new StreamReplies((session) => ctx.transcript(refOf(session)), ctx.log.child({ component: 'webchat-streams' }), Boolean(ctx.live));
    ctx.router.add('GET', '/', (_req, res) => sendHtml(res, WEBCHAT_PAGE));
    ctx.router.add('GET', '/webchat.js', (_req, res) => sendAsset(res, 'text/javascript; charset=utf-8', WEBCHAT_SCRIPT));
    ctx.router.add('POST', '/api/chat/session', (req, res) => this.openSession(req, res));
    ctx.router.add('POST', '/api/chat/messages', (req, res) => this.postMessage(req, res));
    ctx.router.add('POST', '/api/chat/end', (req, res) => this.endChat(req, res));
    ctx.router.add('GET', '/api/chat/events', (req, res) => this.openStream(req, res));
    if (this.config.files) this.mountFiles(ctx, new WebchatFiles(this.config.files, ctx.log.child({ component: 'webchat-files' })));
    // Several instances: replies another instance sent, and messages posted there, reach streams open here.
    if (ctx.live) {
      this.unsubscribe.push(ctx.live.subscribe('webchat', (data) => void this.fromElsewhere(data)));
      this.unsubscribe.push(ctx.live.onResync(() => void this.streamReplies().catchUp([...this.streams].flatMap(([session, set]) => [...set].map((stream): [string, EventStream] => [session, stream])))));
    }
  }

  private mountFiles(ctx: ChannelContext, files: WebchatFiles): void {
    this.files = files;
    ctx.router.add('POST', '/api/chat/files', async (req, res) => {
      const session = this.requireSession(req);
      if (this.limits) enforceRateLimit(this.limits.perSession, session, res, 'per chat session');
      await files.upload(req, res, session);
    });
    ctx.router.add('GET', '/api/chat/files/:id', (req, res, params) => files.download(res, this.requireSession(req), params.id));
  }

  async stop(): Promise<void> {
    this.unsubscribe.splice(0).forEach((off) => off());
    for (const set of this.streams.values()) for (const stream of set) stream.end();
    this.streams.clear();
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    // Nobody connected is fine: the page replays the transcript when it (re)connects.
    this.streamReplies().reply(ref.conversationId, this.streams.get(ref.conversationId) ?? [], deliveryId, message);
  }

  /**
   * The reply is recorded as sent: now streams of this session on other instances are told. Not before: a
   * stream elsewhere that missed the announcement (its instance was not listening) then finds the reply in the
   * database when it catches up, and the conversation's next reply, claimed only after this record, is
   * announced after this one. An announcement that fails is tried again a few times.
   */
  recorded(ref: ConversationRef, message: OutboundMessage, deliveryId: number): void {
    const live = this.ctx?.live;
    if (!live) return;
    const full = { session: ref.conversationId, id: deliveryId, message };
    const event = JSON.stringify(full).length <= MAX_LIVE_PAYLOAD ? full : { session: ref.conversationId, id: deliveryId };
    const announce = (attempt: number): void => void live.publish('webchat', event).catch((err) => {
      if (attempt >= ANNOUNCE_ATTEMPTS) return this.context().log.warn({ err, deliveryId }, 'web chat reply not announced to other instances');
      setTimeout(() => announce(attempt + 1), ANNOUNCE_RETRY_MS * 2 ** attempt).unref();
    });
    announce(1);
  }

  /** The agent who owns the conversation is typing in the console: the page shows it for a few seconds. */
  typing(ref: ConversationRef, agentName: string): void {
    this.typingHere(ref.conversationId, { name: agentName });
    void this.ctx?.live?.publish('webchat', { session: ref.conversationId, typing: agentName }).catch(() => undefined);
  }

  /**
   * The bot's turn on a message just accepted has started: the page shows the assistant typing until its reply
   * comes. Not while an agent has the conversation (the bot does not answer then: the agent's own typing shows).
   */
  private botTyping(session: string): void {
    this.typingHere(session, { bot: true });
    void this.ctx?.live?.publish('webchat', { session, typing: '', bot: true }).catch(() => undefined);
  }

  /** An agent has seen the user's messages up to `messageId`: the page marks the last of them "Seen". */
  read(ref: ConversationRef, messageId: number): void {
    this.readHere(ref.conversationId, messageId);
    void this.ctx?.live?.publish('webchat', { session: ref.conversationId, read: messageId }).catch(() => undefined);
  }

  private readHere(session: string, messageId: number): void {
    const event = `event: read\ndata: ${JSON.stringify({ upTo: messageId })}\n\n`;
    for (const stream of this.streams.get(session) ?? []) stream.send(event);
  }

  private typingHere(session: string, who: { name?: string; bot?: boolean }): void {
    const event = `event: typing\ndata: ${JSON.stringify(who)}\n\n`;
    for (const stream of this.streams.get(session) ?? []) stream.send(event);
  }

  /** An event another instance published: a reply it sent (its body, or only its id when too big) or a posted message. */
  private async fromElsewhere(data: Record<string, unknown>): Promise<void> {
    const streams = this.streams.get(String(data.session));
    if (!streams?.size) return;
    if (typeof data.read === 'number') return this.readHere(String(data.session), data.read);
    if (typeof data.typing === 'string') return this.typingHere(String(data.session), data.bot ? { bot: true } : { name: data.typing });
    if (data.echo) {
      const event = `event: echo\ndata: ${JSON.stringify(data.echo)}\n\n`;
      for (const stream of streams) stream.send(event);
      return;
    }
    // A reply recorded as sent elsewhere (its body, or only its id when too big: then read from the database).
    this.streamReplies().reply(String(data.session), streams, Number(data.id), data.message as OutboundMessage | undefined);
  }

  /** Reuse the request's issued session, or issue a new one: an id the client made up is never adopted. */
  private openSession(req: IncomingMessage, res: ServerResponse): void {
    if (this.limits) enforceRateLimit(this.limits.perIp, clientIp(req), res, 'per address');
    const current = this.sessionStore().fromRequest(req);
    const id = current.kind === 'session' ? current.id : this.sessionStore().issue();
    res.setHeader('set-cookie', this.sessionStore().cookie(id, clientOf(req).https));
    sendJson(res, 200, { sessionId: id, ...(this.files ? { files: this.files.limits } : {}) });
  }

  /** "End chat" (after a satisfaction question when one is open, see decideEnd): this browser forgets the session and its open streams close; the next message starts afresh. */
  private async endChat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const current = this.sessionStore().fromRequest(req);
    const decision = current.kind === 'session' ? await decideEnd(this.context(), refOf(current.id), req) : { status: 'ended' as const, ticket: null, open: false };
    if (decision.status === 'rate') return sendJson(res, 200, decision);
    if (current.kind === 'session') for (const stream of this.streams.get(current.id) ?? []) stream.end();
    res.setHeader('set-cookie', this.sessionStore().cookie(null, clientOf(req).https));
    sendJson(res, 200, decision);
  }

  private async postMessage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const session = this.requireSession(req);
    if (this.limits) {
      // Checked before the body is read: a flood costs us as little as possible.
      enforceRateLimit(this.limits.perIp, clientIp(req), res, 'per address');
      enforceRateLimit(this.limits.perSession, session, res, 'per chat session');
    }
    // Shed load before reading the body when the queue could not answer this message in time.
    const admission = this.context().admit(refOf(session));
    if (!admission.ok) return sendBusy(req, res, admission.retryAfterSeconds);
    const parsed = PostedMessage.safeParse(await readJson(req, 64 * 1024));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => i.message).join('; '));
    if (parsed.data.action && (await this.answeredAlready(session, parsed.data.action))) {
      // An old button (another tab, a stale page): acting on it would answer a question nobody asks now.
      this.context().log.info({ channel: 'webchat' }, 'stale choice ignored');
      req.resume();
      return sendJson(res, 409, { error: 'this question was answered already', status: 'stale' });
    }
    // Read before the message is stored: the typing line then goes out right after, ahead of the bot's reply.
    const botAnswers = (await this.context().lookup.findConversation(refOf(session)))?.mode !== 'agent';
    if (parsed.data.files.length && !this.files) throw new HttpError(400, 'files: this chat takes no attachments');
    const files = parsed.data.files.length && this.files ? await this.files.resolve(session, parsed.data.clientMessageId, parsed.data.files) : [];
    const zone = timeZoneField(parsed.data.timeZone);
    const result = await this.context().accept({
      ref: refOf(session),
      platformMessageId: `${session}:${parsed.data.clientMessageId}`,
      text: parsed.data.text,
      action: parsed.data.action,
      ...(files.length ? { files } : {}),
      ...(zone.timeZone ? { user: zone } : {}),
    });
    // The user's other tabs show what was written here; the sending tab knows its own clientMessageId.
    if (result.status === 'accepted') {
      this.echo(session, parsed.data.text, parsed.data.clientMessageId, result.messageId, files.map(pageFileOf));
      if (botAnswers) this.botTyping(session);
    }
    sendJson(res, 202, { status: result.status, messageId: result.messageId });
  }

  private echo(session: string, text: string, clientMessageId: string, id: number, files: unknown[]): void {
    const echo = { from: 'user', text, clientMessageId, id, ...(files.length ? { files } : {}) };
    const event = `event: echo\ndata: ${JSON.stringify(echo)}\n\n`;
    for (const stream of this.streams.get(session) ?? []) stream.send(event);
    void this.ctx?.live?.publish('webchat', { session, echo }).catch(() => undefined);
  }

  private async openStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gate = this.context().streams;
    const current = this.sessionStore().fromRequest(req);
    // Only a session this server issued may hold a stream; refused like any other cap (counted, logged, closed).
    if (current.kind !== 'session') return gate.refuse(res, 'unknown_session', clientIp(req), 401);
    const session = current.id;
    const stream = gate.attach(req, res, `chat:${session}`);
    const set = this.streams.get(session) ?? new Set<EventStream>();
    set.add(stream);
    this.streams.set(session, set);
    res.once('close', () => {
      set.delete(stream);
      if (set.size === 0) this.streams.delete(session);
    });
    const after = Number(req.headers['last-event-id'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? 0);
    await this.streamReplies().open(session, stream, Number.isSafeInteger(after) && after > 0 ? after : 0);
    const upTo = await this.context().readUpTo?.(refOf(session));
    if (upTo) stream.send(`event: read\ndata: ${JSON.stringify({ upTo })}\n\n`);
  }

  /**
   * Whether a click names a question (`choice:<event id>`) that is no longer the open one: the user wrote
   * something else after it, or it is not in this conversation. The same click again is let through: it is
   * a retry of a message the server may have, which the store answers as a duplicate. Clicks without an id
   * (older pages) are taken as they come.
   */
  private async answeredAlready(session: string, action: { id: string; value: string }): Promise<boolean> {
    const match = /^choice:(\d+)$/.exec(action.id);
    if (!match) return false;
    const messages = await this.context().transcript(refOf(session));
    const asked = messages.findIndex((m) => m.outboxId === Number(match[1]));
    const same = (payload: unknown) => {
      const sent = (payload as { action?: { id?: string; value?: string } } | null)?.action;
      return sent?.id === action.id && sent?.value === action.value;
    };
    return asked < 0 || messages.slice(asked + 1).some((m) => m.direction === 'in' && !same(m.payload));
  }

  private requireSession(req: IncomingMessage): string {
    const current = this.sessionStore().fromRequest(req);
    if (current.kind === 'ambiguous') throw new HttpError(401, 'two different chat session cookies: POST /api/chat/session for a new one');
    if (current.kind !== 'session') throw new HttpError(401, 'no chat session: POST /api/chat/session first');
    return current.id;
  }

  private sessionStore(): WebchatSessions {
    if (!this.sessions) throw new Error('web chat used before start()');
    return this.sessions;
  }

  private streamReplies(): StreamReplies {
    if (!this.replies) throw new Error('web chat used before start()');
    return this.replies;
  }

  private context(): ChannelContext {
    if (!this.ctx) throw new Error('web chat used before start()');
    return this.ctx;
  }
}

function refOf(session: string): ConversationRef {
  return { channel: 'webchat', conversationId: session, userId: session };
}

/** Create the web chat channel. */
export function createWebchatChannel(config: WebchatChannelConfig = {}): WebchatChannel {
  return new WebchatChannel(config);
}
