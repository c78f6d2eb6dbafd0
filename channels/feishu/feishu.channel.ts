import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../src/config';
import { ChannelError, ConfigError, ValidationError } from '../../src/errors';
import { foreignClick, onlyRequesterText } from '../../src/engine/click-guard';
import { readBody, sendJson, isRejectedInput } from '../../src/http/body';
import { createLogger, type Logger } from '../../src/log';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, Lang, OutboundMessage } from '../../src/types/conversation';
import { FeishuApi } from './feishu-api';
import { cardContent, choiceButtons, renderCards, type FeishuCard } from './feishu-cards';
import { openEnvelope, type LarkEvent } from './feishu-envelope';
import { toChannelError } from './feishu-errors';
import { EXTRA, mapChoiceClick, mapMessageEvent, readCardClick } from './feishu-inbound';
import { FeishuTier2, type FeishuTier2Handler, type Tier2Directory } from './feishu-tier2';
import { FeishuUserCache } from './feishu-users';
import { startLongConnection, type LongConnection } from './feishu-ws';

/** Settings of the Feishu / Lark channel. */
export type FeishuChannelConfig = {
  appId: string;
  appSecret: string;
  /** Verification Token of the event subscription (HTTP mode). */
  verificationToken?: string;
  /** Encrypt Key: events arrive encrypted and signed. */
  encryptKey?: string;
  /** `feishu`, `lark` or a base URL. */
  domain: string;
  mode: 'http' | 'websocket';
  /** chat_id of the agents' group chat. */
  tier2Chat?: string;
  defaultLang: Lang;
  /** Users' time zone (Feishu profiles carry none): FEISHU_TIME_ZONE. */
  timeZone?: string;
  /** The bot's open_id; learnt from bot/v3/info at start when absent. */
  botOpenId?: string;
  /** Replies quote the user's message while it is this recent; later ones (notices) are new messages. */
  replyWindowMs?: number;
  now?: () => number;
};

/** Path the event subscription's request URL points at. */
export const FEISHU_EVENTS_PATH = '/feishu/events';
// A 20,000-character Chinese message is ~60 KB of UTF-8, ~80 KB once encrypted and base64-encoded, plus its JSON.
const MAX_EVENT_BYTES = 256 * 1024;
const REMEMBERED_EVENTS = 10_000;

/** A card.action.trigger answer: a toast for the clicker (Feishu shows it to them only). */
export type CardAnswer = { toast?: { type: 'success' | 'info' | 'warning' | 'error'; content: string } };

/**
 * Feishu / Lark through the official SDK. Events come from the HTTP event subscription (signature, decryption
 * and token checked here over the raw body) or the SDK's long connection; both reach `onEvent`. Messages are
 * stored and acknowledged before their turn runs; replies leave through the outbox as cards (`send`).
 */
export class FeishuChannel implements ChannelAdapter {
  readonly name = 'feishu' as const;
  readonly capabilities: ChannelCapabilities = { buttons: true, cards: true, threads: true, forms: false, maxTextLength: 8000, markdown: 'markdown' };
  readonly api: FeishuApi;
  readonly users: FeishuUserCache;
  readonly tier2: FeishuTier2 | null;
  private ctx: ChannelContext | null = null;
  private log: Logger = createLogger({ level: 'silent' });
  private botOpenId: string | undefined;
  private connection: LongConnection | null = null;
  /** Event ids already handled (in memory; stored messages are deduplicated durably by the engine). */
  private readonly seen = new Set<string>();
  /** Cards already sent per delivery, so a retried delivery resumes instead of repeating. */
  private readonly progress = new Map<number, number>();

  constructor(private readonly config: FeishuChannelConfig) {
    if (config.mode === 'http' && !config.verificationToken) throw new ConfigError('Feishu HTTP events need FEISHU_VERIFICATION_TOKEN (or FEISHU_MODE=websocket)');
    this.api = new FeishuApi({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, now: config.now, log: undefined });
    this.users = new FeishuUserCache({ lookup: this.api, defaultLang: config.defaultLang, timeZone: config.timeZone, now: config.now });
    this.botOpenId = config.botOpenId;
    this.tier2 = config.tier2Chat ? new FeishuTier2(this.api, config.tier2Chat, () => this.log, () => this.botOpenId) : null;
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    this.log = ctx.log;
    if (!this.botOpenId) {
      try {
        this.botOpenId = await this.api.botOpenId();
      } catch (error) {
        // Without it group @-mentions are not recognised; p2p chats work. Logged, not fatal: Feishu may be unreachable.
        ctx.log.warn({ reason: (error as Error).message }, 'feishu bot/v3/info failed: group mentions are ignored until a restart');
      }
    }
    if (this.config.mode === 'http') ctx.router.add('POST', FEISHU_EVENTS_PATH, (req, res) => this.receive(req, res));
    else this.connection = await startLongConnection(this.config, (event) => this.onEvent(event), ctx.log);
    ctx.log.info({ mode: this.config.mode, domain: this.config.domain, tier2: Boolean(this.tier2) }, 'feishu channel ready');
  }

  async stop(): Promise<void> {
    this.connection?.close();
    this.connection = null;
  }

  /** Let the agents module receive Take over / Resolve clicks and agents' thread messages. */
  setTier2Handler(handler: FeishuTier2Handler, directory: Tier2Directory): void {
    if (!this.tier2) throw new ConfigError('Set FEISHU_TIER2_CHAT before registering a tier-2 handler');
    this.tier2.handler = handler;
    this.tier2.directory = directory;
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    if (ref.extra?.tier2) {
      if (!this.tier2) throw new ChannelError('a Feishu tier-2 post is queued but FEISHU_TIER2_CHAT is not set', true);
      return this.tier2.send(ref, message, deliveryId);
    }
    const cards = renderCards(message, choiceButtons(ref.threadId));
    for (let i = this.progress.get(deliveryId) ?? 0; i < cards.length; i++) {
      await this.post(ref, cards[i], `fd-${deliveryId}-${i}`);
      this.progress.set(deliveryId, i + 1);
    }
    this.progress.delete(deliveryId);
    if (this.progress.size > 1000) this.progress.delete(this.progress.keys().next().value as number);
  }

  /** A reply to the user's message (in its thread in groups); a new message when there is none recent to answer. */
  private async post(ref: ConversationRef, card: FeishuCard, uuid: string): Promise<void> {
    const replyTo = ref.extra?.[EXTRA.replyTo];
    const group = ref.extra?.[EXTRA.chatType] === 'group';
    const at = Number(ref.extra?.[EXTRA.replyAt] ?? 0);
    const recent = (this.config.now ?? Date.now)() - at < (this.config.replyWindowMs ?? 3_600_000);
    const body = cardContent(card);
    try {
      if (replyTo && (group || recent)) await this.api.reply(replyTo, body, uuid, group);
      else await this.api.create(ref.conversationId, body, uuid);
    } catch (error) {
      throw toChannelError(error, replyTo ? 'im.message.reply' : 'im.message.create');
    }
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, MAX_EVENT_BYTES);
    const envelope = openEnvelope(raw, req.headers, { verificationToken: this.config.verificationToken ?? '', encryptKey: this.config.encryptKey });
    if (envelope.kind === 'refused') {
      // The caller learns the status only; the reason is for the operator.
      this.log.warn({ status: envelope.status, reason: envelope.reason }, 'feishu event refused');
      res.writeHead(envelope.status, { 'content-length': '0' }).end();
      return;
    }
    if (envelope.kind === 'challenge') {
      this.log.info('feishu url_verification challenge answered');
      return sendJson(res, 200, { challenge: envelope.challenge });
    }
    sendJson(res, 200, (await this.onEvent(envelope.event)) ?? {});
  }

  /** One event, from either delivery mode; resolves once it is stored (the acknowledgement waits for this only). */
  async onEvent(event: LarkEvent): Promise<CardAnswer | undefined> {
    if (this.seen.has(event.eventId)) {
      this.log.info({ eventId: event.eventId }, 'feishu event redelivered: dropped');
      return undefined;
    }
    let answer: CardAnswer | undefined;
    if (event.eventType === 'im.message.receive_v1') await this.onMessage(event.event);
    else if (event.eventType === 'card.action.trigger') answer = await this.onCardAction(event.event);
    else this.log.info({ eventType: event.eventType }, 'feishu event type not handled: dropped');
    // Remembered once handled: an event whose storing failed (503) must still be taken when Feishu sends it again.
    this.seen.add(event.eventId);
    if (this.seen.size > REMEMBERED_EVENTS) this.seen.delete(this.seen.values().next().value as string);
    return answer;
  }

  private async onMessage(event: Record<string, unknown>): Promise<void> {
    const chatId = (event.message as { chat_id?: unknown } | undefined)?.chat_id;
    if (this.tier2 && chatId === this.tier2.chatId) return this.tier2.handleMessage(event);
    const mapped = mapMessageEvent(event, this.botOpenId);
    if (mapped.kind === 'drop') {
      this.log.info({ reason: mapped.reason }, 'feishu message dropped');
      return;
    }
    await this.acceptWithProfile(mapped.message);
  }

  private async onCardAction(event: Record<string, unknown>): Promise<CardAnswer | undefined> {
    const click = readCardClick(event);
    if (!click) {
      this.log.info('feishu card action without operator, context or value: dropped');
      return undefined;
    }
    if (click.value.fd === 't2' && this.tier2) return this.tier2.handleClick(click);
    const message = mapChoiceClick(click);
    if (!message) {
      this.log.info('feishu card action is not one of our buttons: dropped');
      return undefined;
    }
    const ctx = this.context();
    // In a group thread everyone sees the buttons (and a forwarded card travels): only the requester's click answers.
    const requester = await foreignClick(ctx.lookup, message.ref);
    if (requester) {
      this.log.info('feishu card click by someone other than the requester: refused');
      return { toast: { type: 'info', content: onlyRequesterText(requester) } };
    }
    const status = await this.acceptWithProfile(message);
    return status === 'accepted' ? { toast: { type: 'success', content: `✓ ${message.text.slice(0, 100)}` } } : undefined;
  }

  private async acceptWithProfile(message: InboundMessage): Promise<'accepted' | 'duplicate'> {
    const ctx = this.context();
    // The contact lookup is not awaited before the ack: the turn waits for it, Feishu's 3-second clock does not.
    const user = this.users.cached(message.ref.userId);
    const lateProfile = user ? undefined : ctx.ingressQuiet().then(() => this.users.profile(message.ref.userId));
    try {
      const result = await ctx.accept({ ...message, ...(user ? { user } : {}) }, lateProfile);
      if (result.status === 'duplicate') this.log.info({ messageId: result.messageId }, 'feishu message already stored: dropped');
      return result.status;
    } catch (error) {
      // A payload that does not fit our schema will not fit on a redelivery either: acknowledge and drop.
      // A 503 (database unavailable) is no bad payload: rethrown, the platform retries it.
      if (!isRejectedInput(error)) throw error;
      this.log.warn({ reason: error.message }, 'feishu message rejected');
      return 'duplicate';
    }
  }

  private context(): ChannelContext {
    if (!this.ctx) throw new Error('feishu channel used before start()');
    return this.ctx;
  }
}

/** Create the Feishu channel. */
export function createFeishuChannel(config: FeishuChannelConfig): FeishuChannel {
  return new FeishuChannel(config);
}

/** The channel's settings from the service configuration (the factory line in channels/index.ts uses it). */
export function feishuConfigFrom(config: Config): FeishuChannelConfig {
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) throw new ConfigError('Set FEISHU_APP_ID and FEISHU_APP_SECRET, or remove the Feishu settings');
  return {
    appId: config.FEISHU_APP_ID,
    appSecret: config.FEISHU_APP_SECRET,
    verificationToken: config.FEISHU_VERIFICATION_TOKEN,
    encryptKey: config.FEISHU_ENCRYPT_KEY,
    domain: config.FEISHU_DOMAIN,
    mode: config.FEISHU_MODE,
    tier2Chat: config.FEISHU_TIER2_CHAT,
    defaultLang: config.FEISHU_DEFAULT_LANG,
    timeZone: config.FEISHU_TIME_ZONE,
  };
}
