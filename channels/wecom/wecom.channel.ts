import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../src/config';
import { ChannelError, ConfigError, ValidationError } from '../../src/errors';
import { foreignClick, onlyRequesterText } from '../../src/engine/click-guard';
import { HttpError, SECURITY_HEADERS, isRejectedInput } from '../../src/http/body';
import { toPlainText } from '../../src/render/plain-text';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, Lang, OutboundMessage } from '../../src/types/conversation';
import { WecomApi, type WecomAnswer } from './wecom-api';
import { answerEchostr, interpret, readCallback, Unauthorized, type WecomCallback } from './wecom-callback';
import type { StoredCard, WecomCardStore } from '../../src/store/wecom-card-store';
import { WecomCrypto } from './wecom-crypto';
import { escapeWecomText, splitForWecom, toWecomText } from './wecom-format';
import { renderForWecom, type WecomPost } from './wecom-render';
import { WecomUserDirectory } from './wecom-users';

/** Settings of the WeCom channel (a self-built application, 自建应用). */
export type WecomChannelConfig = {
  corpId: string;
  agentId: string;
  secret: string;
  /** Callback Token and EncodingAESKey (接收消息 → API接收). */
  token: string;
  encodingAesKey: string;
  /** Users' language: WeCom profiles carry none (Chinese unless configured). */
  lang: Lang;
  /** Users' time zone: WeCom profiles carry none (Asia/Shanghai unless configured). */
  timeZone?: string;
  /** UserIDs of the tier-2 agents: escalation cards with Take over / Resolve go to them. */
  agentUsers?: string[];
  apiUrl?: string;
  now?: () => number;
};

/** Path of the callback URL set in the admin console. */
export const WECOM_CALLBACK_PATH = '/wecom/callback';

/** What the tier-2 module handles: agents' cards clicks and agents' messages to the app. */
export interface WecomTier2Handler {
  cardClick(agentUserId: string, card: StoredCard, key: string, responseCode?: string): Promise<void>;
  agentText(agentUserId: string, text: string): Promise<void>;
}

/**
 * WeCom through its callback URL and message API. A callback is verified, decrypted, stored and answered
 * with an empty 200 at once (WeCom's 5-second rule, and it resends unanswered callbacks); every reply goes
 * out later through the outbox with message/send. Choices and cards are template cards whose clicks come
 * back as template_card_event; only the person a card was sent to can answer it.
 */
export class WecomChannel implements ChannelAdapter {
  readonly name = 'wecom' as const;
  // send() splits text into 2,048-byte messages.
  readonly capabilities: ChannelCapabilities = { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 4000, markdown: 'markdown' };
  readonly api: WecomApi;
  readonly users: WecomUserDirectory;
  readonly crypto: WecomCrypto;
  /** Set by the WeCom extension (it has the store): without it choices go as numbered text. */
  cards: WecomCardStore | null = null;
  tier2: WecomTier2Handler | null = null;
  private ctx: ChannelContext | null = null;
  private readonly agents: Set<string>;
  /** Posts already made per delivery, so a retried delivery resumes instead of repeating. */
  private readonly progress = new Map<number, number>();

  constructor(readonly config: WecomChannelConfig) {
    this.crypto = new WecomCrypto(config.token, config.encodingAesKey, config.corpId);
    this.api = new WecomApi({ corpId: config.corpId, secret: config.secret, baseUrl: config.apiUrl, now: config.now });
    this.users = new WecomUserDirectory(this.api, { lang: config.lang, timeZone: config.timeZone }, { now: config.now });
    this.agents = new Set(config.agentUsers ?? []);
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    ctx.router.add('GET', WECOM_CALLBACK_PATH, (req, res) => this.verifyUrl(req, res));
    ctx.router.add('POST', WECOM_CALLBACK_PATH, (req, res) => this.receive(req, res));
    ctx.log.info({ path: WECOM_CALLBACK_PATH, agents: this.agents.size, cards: this.cards !== null }, 'wecom channel ready');
  }

  async stop(): Promise<void> {
    this.ctx = null;
  }

  /** The agents' UserIDs (tier-2 posts go to them). */
  get agentUsers(): string[] {
    return [...this.agents];
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    const tier2 = ref.extra?.tier2;
    if (tier2 === 'card') return this.updateTier2Card(ref.extra?.ticket ?? '', message);
    const posts = this.renderable(message);
    const to = tier2 ? { touser: this.agentUsers.join('|') } : { touser: ref.userId };
    if (tier2 && this.agents.size === 0) throw new ChannelError('no WeCom agents configured (WECOM_AGENT_USERS): tier-2 posts have nowhere to go', true);
    for (let i = this.progress.get(deliveryId) ?? 0; i < posts.length; i++) {
      const post = posts[i];
      if (post.kind === 'text') await this.sendMessage({ ...to, msgtype: 'text', text: { content: post.content } });
      else await this.sendCard(to, post, { kind: tier2 ? 'tier2' : 'choice', recipient: tier2 ? '@agents' : ref.userId, ticket: ref.extra?.ticket ?? null }, `${deliveryId}-${i}`);
      this.progress.set(deliveryId, i + 1);
    }
    this.progress.delete(deliveryId);
    if (this.progress.size > 1000) this.progress.delete(this.progress.keys().next().value as number);
  }

  /** A text straight to one person (a courtesy notice, not a reply of a conversation): logged when it fails. */
  async notify(userId: string, text: string): Promise<void> {
    try {
      for (const content of splitForWecom(escapeWecomText(text))) await this.sendMessage({ touser: userId, msgtype: 'text', text: { content } });
    } catch (error) {
      this.context().log.warn({ reason: (error as Error).message }, 'wecom notice not delivered');
    }
  }

  /** message/send for the app; users WeCom could not reach (invaliduser) make it a permanent failure. */
  async sendMessage(body: Record<string, unknown>): Promise<WecomAnswer> {
    const answer = await this.api.post('message/send', { ...body, agentid: Number(this.config.agentId), safe: 0, enable_duplicate_check: 0 });
    const invalid = typeof answer.invaliduser === 'string' ? answer.invaliduser : '';
    if (invalid && invalid === body.touser) {
      throw new ChannelError('WeCom could not deliver: the user is outside the app\'s visible range (可见范围) or has left', true);
    }
    return answer;
  }

  /** update_template_card with a stored response_code (usable once; 72 hours). */
  async updateCard(userIds: string[], responseCode: string, change: Record<string, unknown>): Promise<void> {
    await this.api.post('message/update_template_card', { userids: userIds, agentid: Number(this.config.agentId), response_code: responseCode, ...change });
  }

  private renderable(message: OutboundMessage): WecomPost[] {
    const posts = renderForWecom(message);
    // Without the card table a click could not be traced back: choices go as a numbered list to answer by number.
    if (this.cards || posts.every((p) => p.kind === 'text')) return posts;
    return splitForWecom(toWecomText(toPlainText(message))).map((content) => ({ kind: 'text', content }));
  }

  private async sendCard(to: Record<string, string>, post: Extract<WecomPost, { kind: 'card' }>, meta: Pick<StoredCard, 'kind' | 'recipient' | 'ticket'>, suffix: string): Promise<void> {
    // Unique per app (WeCom refuses a reused task_id), so a retried delivery gets a new one.
    const taskId = `fd-${suffix}-${randomBytes(4).toString('hex')}`;
    const answer = await this.sendMessage({ ...to, msgtype: 'template_card', template_card: { ...post.card, task_id: taskId } });
    const responseCode = typeof answer.response_code === 'string' ? answer.response_code : null;
    await this.cards?.saveCard({ taskId, ...meta, choices: post.choices, responseCode }, new Date().toISOString());
  }

  /** The escalation card replaced in place for every agent (status, owner; no buttons once resolved). */
  private async updateTier2Card(ticket: string, message: OutboundMessage): Promise<void> {
    const stored = (await this.cards?.tier2CardOf(ticket)) ?? null;
    const post = renderForWecom(message).find((p): p is Extract<WecomPost, { kind: 'card' }> => p.kind === 'card');
    if (!stored || !post || !this.cards) return;
    const code = await this.cards.takeResponseCode(stored.taskId);
    // Each click brings one code and each update uses one: without a fresh one the card stays as it is; the
    // mirrored lines tell the agents what changed.
    if (!code) return void this.context().log.debug({ ticket }, 'wecom tier-2 card not updated: no response_code left');
    const card = post.card.button_list?.length ? post.card : { ...post.card, button_list: [{ text: '—', style: 2, key: 'done' }] };
    await this.updateCard(this.agentUsers, code, { template_card: { ...card, task_id: stored.taskId } });
  }

  private async verifyUrl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let plain: string;
    try {
      plain = answerEchostr(this.crypto, url);
    } catch (error) {
      throw this.refusal(error);
    }
    this.context().log.info('wecom callback URL verified (echostr)');
    this.answer(res, plain);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let callback: WecomCallback;
    try {
      callback = interpret(await readCallback(this.crypto, req, url));
    } catch (error) {
      throw this.refusal(error);
    }
    const log = this.context().log;
    if (callback.kind !== 'ignored' && callback.agentId && callback.agentId !== this.config.agentId) {
      callback = { kind: 'ignored', reason: `callback for another app (AgentID ${callback.agentId})` };
    }
    if (callback.kind === 'ignored') log.info({ reason: callback.reason }, 'wecom callback dropped');
    else if (callback.kind === 'text') await this.onText(callback);
    else await this.onCardClick(callback);
    // An empty 200 is WeCom's "received": anything slower than 5 s or non-200 makes it resend.
    this.answer(res, '');
  }

  private async onText(message: Extract<WecomCallback, { kind: 'text' }>): Promise<void> {
    if (this.tier2 && this.agents.has(message.userId)) {
      const handler = this.tier2;
      void this.context().ingressQuiet().then(() => handler.agentText(message.userId, message.text))
        .catch((error) => this.context().log.warn({ err: error }, 'wecom agent message failed'));
      return;
    }
    await this.acceptWithProfile({
      ref: { channel: 'wecom', conversationId: message.userId, userId: message.userId },
      platformMessageId: message.msgId,
      text: message.text,
    });
  }

  private async onCardClick(click: Extract<WecomCallback, { kind: 'card_click' }>): Promise<void> {
    const log = this.context().log;
    const card = (await this.cards?.card(click.taskId)) ?? null;
    if (!card) return void log.info({ taskId: click.taskId }, 'wecom card click on an unknown card dropped');
    if (card.kind === 'tier2') {
      if (!this.tier2 || !this.agents.has(click.userId)) return void log.info('wecom tier-2 card click from a non-agent dropped');
      const handler = this.tier2;
      void handler.cardClick(click.userId, card, click.eventKey, click.responseCode).catch((error) => log.warn({ err: error }, 'wecom tier-2 click failed'));
      return;
    }
    if (click.userId !== card.recipient) return this.refuseForeignClick(click.userId, card);
    const index = /^c(\d{1,2})$/.exec(click.eventKey)?.[1];
    const choice = index === undefined ? undefined : card.choices[Number(index)];
    if (!choice) return void log.info({ key: click.eventKey.slice(0, 40) }, 'wecom card click with an unknown button dropped');
    const status = await this.acceptWithProfile({
      ref: { channel: 'wecom', conversationId: card.recipient, userId: card.recipient },
      // One answer per card: a second click, or WeCom resending the event, answers nothing new.
      platformMessageId: `card:${click.taskId}`,
      text: choice.label,
      action: { id: click.eventKey, value: choice.value },
    });
    if (status === 'accepted' && click.responseCode) {
      const code = click.responseCode;
      void this.updateCard([card.recipient], code, { button: { replace_name: `✓ ${choice.label}`.slice(0, 20) } })
        .catch((error) => log.debug({ reason: (error as Error).message }, 'answered wecom card not updated'));
    }
  }

  /** Someone other than the person the card was sent to: told politely, nothing changes. */
  private async refuseForeignClick(clicker: string, card: StoredCard): Promise<void> {
    const ctx = this.context();
    ctx.log.info({ taskId: card.taskId }, 'wecom card click by someone other than the requester refused');
    const requester = await foreignClick(ctx.lookup, { channel: 'wecom', conversationId: card.recipient, userId: clicker });
    void this.notify(clicker, onlyRequesterText(requester ?? { lang: this.config.lang }));
  }

  private async acceptWithProfile(message: InboundMessage): Promise<'accepted' | 'duplicate'> {
    const ctx = this.context();
    // user/get is not awaited before the ack: the profile reaches the engine before the turn, the ack goes first.
    const user = this.users.cached(message.ref.userId);
    const lateProfile = user ? undefined : ctx.ingressQuiet().then(() => this.users.profile(message.ref.userId));
    try {
      const result = await ctx.accept({ ...message, ...(user ? { user } : {}), receivedAt: new Date().toISOString() }, lateProfile);
      // WeCom resends a callback it thinks we missed: the store answers duplicate (same MsgId), nothing runs twice.
      if (result.status === 'duplicate') ctx.log.info({ platformMessageId: message.platformMessageId }, 'wecom duplicate acknowledged');
      return result.status;
    } catch (error) {
      // A 503 (database unavailable) is no bad payload: rethrown, the platform retries it.
      if (!isRejectedInput(error)) throw error;
      ctx.log.warn({ reason: error.message }, 'wecom message rejected');
      return 'duplicate';
    }
  }

  /** 4xx refusals keep their status and tell nothing; the reason goes to our log only. */
  private refusal(error: unknown): unknown {
    if (error instanceof Unauthorized || (error instanceof HttpError && error.status === 403)) {
      this.context().log.warn({ status: (error as HttpError).status, reason: (error as { reason?: string }).reason }, 'wecom callback refused');
    }
    return error;
  }

  private answer(res: ServerResponse, text: string): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** The channel's context, once started. */
  context(): ChannelContext {
    if (!this.ctx) throw new Error('wecom channel used before start()');
    return this.ctx;
  }
}

/** Create the WeCom channel. */
export function createWecomChannel(config: WecomChannelConfig): WecomChannel {
  return new WecomChannel(config);
}

/** The channel's settings from the service configuration. */
export function wecomConfigFrom(config: Config): WecomChannelConfig {
  const { WECOM_CORP_ID: corpId, WECOM_AGENT_ID: agentId, WECOM_SECRET: secret, WECOM_TOKEN: token, WECOM_ENCODING_AES_KEY: encodingAesKey } = config;
  if (!corpId || !agentId || !secret || !token || !encodingAesKey) {
    throw new ConfigError('Set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_ENCODING_AES_KEY, or remove the WeCom settings');
  }
  return {
    corpId, agentId, secret, token, encodingAesKey, lang: config.WECOM_LANG, timeZone: config.WECOM_TIME_ZONE, apiUrl: config.WECOM_API_URL,
    agentUsers: config.WECOM_AGENT_USERS?.split(/[,|]/).map((u) => u.trim()).filter(Boolean),
  };
}
