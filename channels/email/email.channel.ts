import { storeTicketLookup } from './ticket-lookup';
import net from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { ChannelError, ChannelUnavailableError, ValidationError } from '../../src/errors';
import { isRejectedInput } from '../../src/http/body';
import type { Logger } from '../../src/log';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, OutboundMessage } from '../../src/types/conversation';
import { composeReply, mailText, ticketNumbers, type Sender } from './compose-reply';
import { ImapWatcher, type FetchedMail, type ImapSettings, type MailOutcome } from './imap-watcher';
import { mapInbound, type LookupTicketThread, type MapDeps, type MapResult, type ThreadedBy } from './inbound-map';
import { noiseReason } from './noise';
import { parseMail } from './parse-mail';
import { formatSize } from './attachments';
import { SENDER_ONLY, type CopyPolicy } from './copy-policy';
import { LoopGuard, type LoopGuardOptions } from './loop-guard';
import { heldNotice, type HeldReason } from './loop-notice';
import { detectLang } from '../../src/lang';
import { storeThreadOwner, type LookupThreadOwner } from './thread-owner';

/** Settings of the mail channel. */
export type EmailChannelConfig = {
  /** The helpdesk address: sender of our mails, and never answered. */
  address: string;
  displayName?: string;
  /** Other addresses that are us (aliases): mail from them is ignored. */
  aliases?: string[];
  imap: ImapSettings;
  smtp: {
    host: string; port: number; secure?: boolean; user?: string; pass?: string; maxConnections?: number;
    /** Connect and greeting timeout (default 10 s); a silent socket fails after 6 times this. */
    timeoutMs?: number;
  };
  /** HMAC key of the thread tokens in our Message-IDs. */
  threadSecret: string;
  attachmentsDir: string;
  maxAttachmentBytes?: number;
  maxAttachments?: number;
  /** Loop detection by content and rhythm, and the per-address bound on bot-answered mail. */
  loopGuard?: LoopGuardOptions;
  /** Ticket number -> conversation and allowed senders, so subject tags can thread (the store provides it). */
  lookupTicketThread?: LookupTicketThread;
  /** Who may be copied on replies (default: nobody, reply to the sender only). */
  copyPolicy?: Partial<CopyPolicy>;
  /** Our receiving server's name in Authentication-Results (a DMARC pass counts only from it). */
  authservId?: string;
  /** Called after a mail is stored and before it is marked seen (crash tests hook in here). */
  onAccepted?: (uid: number, messageId: string) => void | Promise<void>;
  clock?: () => number;
};

/**
 * Mail: IMAP in (IDLE, polling fallback, reconnect), SMTP out (nodemailer). A mail is marked seen and
 * moved only after the engine stored it; the engine dedupes on Message-ID, so a crash in between
 * yields the mail again, never a second ticket.
 */
export class EmailChannel implements ChannelAdapter {
  readonly name = 'email' as const;
  readonly capabilities: ChannelCapabilities = { buttons: false, cards: false, threads: true, forms: true, maxTextLength: 40_000, markdown: 'plain' };
  private ctx: ChannelContext | null = null;
  private watcher: ImapWatcher | null = null;
  private imapLease: { stop(): Promise<void> } | null = null;
  private transport: nodemailer.Transporter<SMTPPool.SentMessageInfo> | null = null;
  private readonly loopGuard: LoopGuard;
  private readonly sent = new Set<number>();
  /** Inbound mails whose notices (copies left out, files refused) have been sent, so they go out once. */
  private readonly noticed = new Set<string>();
  /** Sends still out by delivery id: a retry of one of them joins it instead of mailing twice. */
  private readonly sending = new Map<number, Promise<void>>();
  private readonly ours: string[];
  private readonly sender: Sender;
  private lookup: LookupTicketThread | undefined;
  private owner: LookupThreadOwner | undefined;
  private readonly copyPolicy: CopyPolicy;

  constructor(private readonly config: EmailChannelConfig) {
    this.lookup = config.lookupTicketThread;
    this.copyPolicy = { ...SENDER_ONLY, ...config.copyPolicy };
    this.copyPolicy.internalDomains = this.copyPolicy.internalDomains.map((d) => d.toLowerCase());
    this.ours = [config.address, ...(config.aliases ?? [])].map((a) => a.toLowerCase());
    this.loopGuard = new LoopGuard(config.loopGuard, config.clock);
    this.sender = {
      address: config.address,
      name: config.displayName ?? 'IT Service Desk',
      domain: config.address.split('@')[1] ?? 'localhost',
      threadSecret: config.threadSecret,
    };
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    this.lookup ??= storeTicketLookup(ctx.lookup);
    this.owner = storeThreadOwner(ctx.lookup);
    const { smtp } = this.config;
    const secure = smtp.secure ?? smtp.port === 465;
    this.transport = nodemailer.createTransport({
      pool: true, host: smtp.host, port: smtp.port, secure,
      maxConnections: smtp.maxConnections ?? 4, maxMessages: 1000,
      // A send always settles: a server that accepts and then goes quiet fails it instead of holding it.
      connectionTimeout: smtp.timeoutMs ?? 10_000, greetingTimeout: smtp.timeoutMs ?? 10_000, socketTimeout: (smtp.timeoutMs ?? 10_000) * 6,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
      // TCP_NODELAY: nodemailer writes a mail in several small chunks, and with Nagle each waits for
      // the server's delayed ACK (~40 ms a mail). STARTTLS upgrades this socket as usual.
      ...(secure ? {} : { getSocket: noDelaySocket }),
    });
    const watcher = new ImapWatcher(this.config.imap, (mails) => this.handleBatch(mails, ctx), ctx.log);
    this.watcher = watcher;
    // One IMAP connection per cluster: two watchers would race to file the same mails (#22).
    if (ctx.exclusive) this.imapLease = ctx.exclusive('imap', { start: () => watcher.start(), stop: () => watcher.stop() });
    else watcher.start();
  }

  async stop(): Promise<void> {
    if (this.imapLease) await this.imapLease.stop();
    else await this.watcher?.stop();
    this.imapLease = null;
    this.transport?.close();
    this.watcher = null;
    this.transport = null;
  }

  /** Wire the subject-tag lookup after construction (the composition root has the store only after createApp). */
  setTicketLookup(lookup: LookupTicketThread): void {
    this.lookup = lookup;
  }

  /** Completed passes over the inbox (tests and the bench wait for the next one). */
  get passes(): number {
    return this.watcher?.passes ?? 0;
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    if (this.sent.has(deliveryId)) return; // sent, but the dispatcher did not get to mark it
    const running = this.sending.get(deliveryId);
    if (running) return running;
    const attempt = this.sendOnce(ref, message, deliveryId).finally(() => this.sending.delete(deliveryId));
    this.sending.set(deliveryId, attempt);
    return attempt;
  }

  private async sendOnce(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    if (!this.transport) throw new ChannelUnavailableError('mail channel is not running (before start() or after stop())');
    const to = ref.userId.toLowerCase();
    const robot = noiseReason(new Map(), to, this.ours);
    if (robot) throw new ChannelError(`not mailing ${robot === 'own_address' ? 'our own address' : 'a robot address'}`, true);
    try {
      const ticket = await this.threadTicket(ref, message);
      const about = ref.extra?.messageId ?? '';
      const notices = !this.noticed.has(about);
      const attachmentLimit = formatSize(this.config.maxAttachmentBytes ?? 10 * 1024 * 1024);
      const mail = composeReply(ref, message, deliveryId, this.sender, { ...(ticket === undefined ? {} : { ticket }), notices, attachmentLimit });
      await this.transport.sendMail(mail);
      if (notices && about) this.noticed.add(about);
      if (this.noticed.size > 100_000) this.noticed.clear();
      this.loopGuard.noteSent([to, ...((mail.cc as string[] | undefined) ?? [])]);
      this.sent.add(deliveryId);
      if (this.sent.size > 100_000) this.sent.clear();
    } catch (error) {
      throw smtpError(error);
    }
  }

  /**
   * The tag of a reply: the thread's current ticket, so it survives a changed subject; otherwise a number
   * the text names that is this requester's. Another person's ticket number never goes into a subject.
   * Undefined when the store is not at hand (the channel used on its own).
   */
  private async threadTicket(ref: ConversationRef, message: OutboundMessage): Promise<string | null | undefined> {
    const store = this.ctx?.lookup;
    if (!store) return undefined;
    const conversation = await store.findConversation({ channel: 'email', conversationId: ref.conversationId });
    const current = conversation?.ticketId ? await store.getTicket(conversation.ticketId) : null;
    if (current) return current.number;
    for (const number of ticketNumbers(mailText(message))) {
      const thread = await this.lookup?.(number);
      if (thread && (thread.conversationId === ref.conversationId || thread.requesterEmail === ref.userId.toLowerCase())) return number;
    }
    return null;
  }

  private mapDeps(): MapDeps {
    return {
      ourAddresses: this.ours,
      threadSecret: this.config.threadSecret,
      lookupTicketThread: this.lookup,
      lookupThreadOwner: this.owner,
      copyPolicy: this.copyPolicy,
      authservId: this.config.authservId,
      attachments: {
        dir: this.config.attachmentsDir,
        maxBytes: this.config.maxAttachmentBytes ?? 10 * 1024 * 1024,
        maxCount: this.config.maxAttachments ?? 20,
      },
    };
  }

  /**
   * Parse and map the batch in parallel, then hand every message to the store in the same tick and in
   * mailbox order: the store commits them as one group (one transaction, a savepoint each), so a thread
   * keeps its order, a Message-ID seen twice in one batch is a duplicate, and one bad mail fails alone.
   */
  private async handleBatch(mails: FetchedMail[], ctx: ChannelContext): Promise<MailOutcome[]> {
    const deps = this.mapDeps();
    const mapped = await Promise.all(mails.map((m) => this.mapOne(m, deps, ctx.log)));
    const outcomes = mapped.map((result, i): MailOutcome | Promise<MailOutcome> => {
      if (typeof result === 'string') return result;
      if (result.kind === 'ignored') {
        ctx.log.info({ uid: mails[i].uid, reason: result.reason }, 'mail ignored (no ticket, no reply)');
        return 'ignored';
      }
      const { message, tell } = this.guardLoops(result.message, result.threadedBy, ctx.log);
      return this.acceptOne(mails[i], [...(result.before ?? []), message], ctx).then((outcome) => {
        // Told only about a mail stored now: a mail seen again after a crash is a duplicate, told no second time.
        if (tell && outcome === 'accepted') this.tellHeld(message, tell, ctx);
        return outcome;
      });
    });
    return Promise.all(outcomes);
  }

  /**
   * Hold (keep without answering) a mail that echoes at robot speed, or whose answer would pass the cap;
   * `tell` says whether its sender gets the one notice of this episode (see LoopGuard.claimNotice).
   */
  private guardLoops(message: InboundMessage, threadedBy: ThreadedBy, log: Logger): { message: InboundMessage; tell: HeldReason | null } {
    if (message.hold) return { message, tell: null };
    const copies = (message.ref.extra?.cc ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const { verdict, repeats } = this.loopGuard.judgeMail(message.ref.userId, message.text, copies, message.ref.conversationId);
    if (!verdict) return { message, tell: null };
    const tell = this.loopGuard.claimNotice(message.ref.userId, verdict) ? verdict : null;
    log.warn({ reason: verdict, messageId: message.platformMessageId, told: Boolean(tell) }, 'mail held without a reply (kept on the ticket for agents)');
    // A repeat sent as a new mail (a double send) joins the thread it repeats, so agents see it on that ticket.
    const ref = threadedBy === 'new' && repeats ? { ...message.ref, conversationId: repeats } : message.ref;
    return { message: { ...message, ref, hold: { reason: verdict, from: message.ref.userId, ...(message.user?.name ? { name: message.user.name } : {}) } }, tell };
  }

  /**
   * The held mail's sender gets one short mail in its language (Auto-Submitted, in the thread, with the
   * ticket tag), sent here rather than through the outbox because the engine gives held mail no turn.
   * A few tries while the SMTP server is away; after that the notice is dropped (the mail itself is kept).
   */
  private tellHeld(message: InboundMessage, reason: HeldReason, ctx: ChannelContext): void {
    const to = message.ref.userId.toLowerCase();
    if (noiseReason(new Map(), to, this.ours)) return;
    void (async () => {
      const conversation = await ctx.lookup.findConversation({ channel: 'email', conversationId: message.ref.conversationId });
      const notice = heldNotice(detectLang(message.text, conversation?.lang), reason);
      const ticket = await this.threadTicket(message.ref, notice);
      const mail = composeReply(message.ref, notice, Date.now(), this.sender, { ...(ticket === undefined ? {} : { ticket }), notices: false });
      for (let attempt = 1; this.transport; attempt++) {
        try {
          await this.transport.sendMail(mail);
          this.loopGuard.noteSent([to]);
          ctx.log.info({ reason, messageId: message.platformMessageId }, 'sender told that its mail is held');
          return;
        } catch (error) {
          if (attempt >= 3) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5_000 * attempt).unref());
        }
      }
    })().catch((err: unknown) => ctx.log.warn({ err, messageId: message.platformMessageId }, 'could not tell the sender that its mail is held'));
  }

  private async mapOne(mail: FetchedMail, deps: MapDeps, log: Logger): Promise<MapResult | MailOutcome> {
    let parsed;
    try {
      parsed = await parseMail(mail.source);
    } catch (error) {
      log.warn({ err: error, uid: mail.uid }, 'unparseable mail: flagged $FrontdeskFailed and moved');
      return 'failed';
    }
    try {
      return await mapInbound(parsed, mail.source, deps);
    } catch (error) {
      log.error({ err: error, uid: mail.uid }, 'could not map mail; retrying on the next pass');
      return 'retry';
    }
  }

  /** Store one mail's messages (the files of an attachment-only mail, then its turn) in the same tick, in order. */
  private async acceptOne(mail: FetchedMail, messages: InboundMessage[], ctx: ChannelContext): Promise<MailOutcome> {
    try {
      const results = await Promise.all(messages.map((m) => ctx.accept(m)));
      const message = messages[messages.length - 1];
      await this.config.onAccepted?.(mail.uid, message.platformMessageId);
      return results.some((r) => r.status === 'accepted') ? 'accepted' : 'duplicate';
    } catch (error) {
      // A 503 (database unavailable) is no bad mail: it stays in the inbox for the next pass.
      if (isRejectedInput(error)) {
        ctx.log.warn({ err: error, uid: mail.uid }, 'mail rejected by validation: flagged $FrontdeskFailed');
        return 'failed';
      }
      ctx.log.error({ err: error, uid: mail.uid }, 'could not store mail; it stays in the inbox for the next pass');
      return 'retry';
    }
  }
}

/** Connection-level failures: the server is not there (or not talking), whatever the mail. */
const UNREACHABLE = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EGREETING']);

/** A nodemailer error as a ChannelError: 5xx permanent, an unreachable server or 421 "unavailable". */
export function smtpError(error: unknown): ChannelError {
  const { code, responseCode, message } = error as { code?: string; responseCode?: number; message?: string };
  const text = `SMTP send failed: ${message ?? String(error)}`;
  if (responseCode === 421 || (!responseCode && code && UNREACHABLE.has(code))) return new ChannelUnavailableError(text, error);
  return new ChannelError(text, Number(responseCode) >= 500 && Number(responseCode) < 600, error);
}

type SocketCallback = (err: Error | null, socket?: { connection: net.Socket } | false) => void;

/**
 * A TCP_NODELAY socket for the pool. When our connect fails we hand back `false` rather than the error:
 * nodemailer then connects by itself and fails through its own path, which frees the pool slot. Handing
 * the error to the callback leaked the slot, so after maxConnections refused connects every later send
 * waited forever (issue #19: a short SMTP outage froze the dispatcher).
 */
function noDelaySocket(options: { host?: string; port?: number; connectionTimeout?: number }, callback: SocketCallback): void {
  let done = false;
  const finish = (socket: { connection: net.Socket } | false) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    callback(null, socket);
  };
  const socket = net.connect({ host: options.host, port: options.port ?? 25, noDelay: true }, () => finish({ connection: socket }));
  const timer = setTimeout(() => {
    socket.destroy();
    finish(false);
  }, options.connectionTimeout ?? 10_000);
  socket.once('error', () => finish(false));
}

/** Create the mail channel. */
export function createEmailChannel(config: EmailChannelConfig): EmailChannel {
  if (!config.threadSecret || config.threadSecret.length < 16) {
    throw new ChannelError('EMAIL_THREAD_SECRET must be at least 16 characters: set it to a long random string', true);
  }
  return new EmailChannel(config);
}
