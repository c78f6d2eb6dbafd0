import path from 'node:path';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { App } from '@slack/bolt';
import { ChannelError, ConfigError, RateLimitedError, ValidationError } from '../../src/errors';
import { isRejectedInput } from '../../src/http/body';
import type { Config } from '../../src/config';
import type { ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, OutboundMessage } from '../../src/types/conversation';
import { createLogger, type Logger } from '../../src/log';
import { foreignClick, onlyRequesterText } from '../../src/engine/click-guard';
import { boltLogger, buildBoltApp } from './slack-app';
import { renderForSlack, type SlackPost } from './slack-blocks';
import { escapeMrkdwn } from './slack-format';
import { slackErrorCode, toChannelError } from './slack-errors';
import { SlackPacer } from './slack-pacer';
import { DM_THREAD, mapChoiceClick, mapMessageEvent, type SlackBlockActions, type SlackMessageEvent } from './slack-inbound';
import { SlackTier2, tier2Buttons, type Tier2Handler, type Tier2ThreadDirectory } from './slack-tier2';
import { SlackUserCache } from './slack-users';
import { acknowledgedFirst, answerBeforeAck, registerSlackListeners } from './slack-listeners';
import { SlackSurfaces } from './slack-surfaces';
import { SlackFiles } from './slack-files';
import { confirmationOf, type SlackReaction } from './slack-reactions';
import { isTicketReaction, ticketFromReaction } from './slack-reaction-ticket';

/** Settings of the Slack channel. */
export type SlackChannelConfig = {
  botToken: string;
  signingSecret: string;
  /** App-level token (xapp-…): switches to Socket Mode instead of HTTP. */
  appToken?: string;
  /** Channel id where escalated tickets are posted for tier-2 agents. */
  tier2Channel?: string;
  /** A tier-2 thread message starting with this goes to the user even from a non-owner. */
  tier2RelayPrefix?: string;
  /** Web API base URL (tests point it at a local stand-in). */
  slackApiUrl?: string;
  /** The bot's ids; learnt with auth.test at start when absent. */
  botUserId?: string;
  botId?: string;
  /** Custom profile field id (Xf…) holding the department; profile.title otherwise. */
  departmentFieldId?: string;
  userCacheTtlMs?: number;
  /** Clock for the replay window (tests). */
  now?: () => number;
  /** Where shared files are written, the largest fetched and the MIME types fetched; without it files are listed only. */
  files?: { dir: string; maxBytes: number; types: string[] };
  /** The reaction (emoji name) that opens a ticket for a channel message's author; '' turns it off. */
  ticketEmoji?: string;
};

/** The Slack channel: a real bolt App on /slack/events (or Socket Mode), replies with chat.postMessage. */
export class SlackChannel implements ChannelAdapter {
  readonly name = 'slack' as const;
  // maxTextLength is what the engine may write; send() splits it into 3,000-character posts.
  readonly capabilities: ChannelCapabilities = { buttons: true, cards: true, threads: true, forms: false, maxTextLength: 12_000, markdown: 'mrkdwn' };
  readonly client: WebClient;
  readonly users: SlackUserCache;
  tier2: SlackTier2 | null = null;
  /** Where escalation threads are (the Slack agents module sets it): tier-2 rows of the outbox find their thread here. */
  tier2Threads: Tier2ThreadDirectory | null = null;
  private pendingHandler: Tier2Handler | null = null;
  private bolt: App | null = null;
  private mode: 'http' | 'socket' | null = null;
  private ctx: ChannelContext | null = null;
  private botUserId: string | undefined;
  private readonly clientOptions: WebClientOptions;
  private log: Logger = createLogger({ level: 'silent' });
  /** Posts already made per delivery, so a retried delivery resumes instead of repeating (in memory). */
  private readonly progress = new Map<number, number>();
  /** Threads known to be conversations with the bot (channel:thread_ts). */
  private readonly knownThreads = new Set<string>();
  /** Slack's per-method limits and the Retry-After of its last 429s, applied to outbox sends. */
  private readonly pacer: SlackPacer;
  /** The new-ticket modal and the App Home tab. */
  readonly surfaces: SlackSurfaces;
  /** Files people (and agents) share: fetched with the bot token within the limits. */
  readonly files: SlackFiles;

  constructor(private readonly config: SlackChannelConfig) {
    // The dispatcher owns retries and backoff: the Web API client must fail fast instead of waiting.
    this.clientOptions = {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      logger: boltLogger(() => this.log),
    };
    this.client = new WebClient(config.botToken, this.clientOptions);
    this.botUserId = config.botUserId;
    this.pacer = new SlackPacer();
    this.users = new SlackUserCache({
      lookup: (user) => this.client.users.info({ user, include_locale: true }) as never,
      ttlMs: config.userCacheTtlMs,
      departmentFieldId: config.departmentFieldId,
    });
    const apiUrl = new URL(config.slackApiUrl ?? 'https://slack.com/api/');
    this.files = new SlackFiles({
      botToken: config.botToken, dir: config.files?.dir ?? '', maxBytes: config.files?.maxBytes ?? 0, types: config.files ? config.files.types : [],
      hosts: ['slack.com', 'slack-files.com', 'slack-edge.com', apiUrl.hostname], ...(apiUrl.protocol === 'http:' ? { plainHttpHost: apiUrl.hostname } : {}),
    });
    this.surfaces = new SlackSurfaces({ client: this.client, users: this.users, context: () => this.context(), accept: (message) => this.acceptWithProfile(message) });
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    this.log = ctx.log;
    const identity = await this.identify(ctx);
    this.botUserId = identity.botUserId;
    if (this.config.tier2Channel) {
      this.tier2 = new SlackTier2(this.client, this.config.tier2Channel, this.config.tier2RelayPrefix ?? '>>', ctx.log, async (id) => (await this.users.profile(id))?.name,
        async (files) => {
          const fetched = await this.files.fetch(files);
          return { lines: SlackFiles.lines(fetched), stored: fetched.flatMap((f) => (f.stored && f.key ? [{ name: f.name, size: f.size, key: f.key }] : [])) };
        });
      this.tier2.handler = this.pendingHandler;
    }
    const onMessageEvent = (event: SlackMessageEvent, retryNum: number | undefined) => this.onMessageEvent(event, retryNum);
    const onReactionEvent = (event: SlackReaction) => this.onReaction(event);
    const afterAcks = (what: string, job: () => Promise<unknown>) => this.afterAcks(what, job);
    const answerFirst = (body: Record<string, unknown>) => answerBeforeAck(this, body);
    const built = buildBoltApp({
      ...this.config, ...identity, clientOptions: this.clientOptions, log: ctx.log, onMessageEvent, onReactionEvent, acknowledgedFirst, answerBeforeAck: answerFirst, afterAcks, arrived: ctx.ingressArrived?.bind(ctx),
    }, this.config.now);
    this.bolt = built.app;
    this.mode = built.mode;
    registerSlackListeners(built.app, this, built.mode);
    if (built.handle) ctx.router.add('POST', '/slack/events', built.handle);
    else await built.app.start();
    ctx.log.info({ mode: built.mode, botUserId: this.botUserId }, 'slack channel ready');
  }

  async stop(): Promise<void> {
    // HTTP mode rides on the main server, which the app closes; only Socket Mode has its own connection.
    this.surfaces.stop();
    if (this.bolt && this.mode === 'socket') await this.bolt.stop();
    this.bolt = null;
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    const tier2 = ref.extra?.tier2;
    const ticket = ref.extra?.ticket ?? '';
    let threadTs = ref.threadId ?? ref.extra?.[DM_THREAD];
    let posts: SlackPost[];
    if (tier2 === 'escalation') {
      posts = renderForSlack(message, tier2Buttons(ticket));
    } else if (tier2 === 'thread' || tier2 === 'card') {
      // Rows of one channel go out in order, so the escalation post was made before any line of its thread.
      threadTs = (await this.tier2Threads?.threadOf(ticket)) ?? undefined;
      if (!threadTs) throw new ChannelError(`the escalation post of ${ticket} was never made: its thread cannot be posted to`, true);
      if (tier2 === 'card') return this.updateCard(ref.conversationId, threadTs, renderForSlack(message, tier2Buttons(ticket))[0]);
      posts = renderForSlack(message);
    } else {
      posts = renderForSlack(message);
    }
    for (let i = this.progress.get(deliveryId) ?? 0; i < posts.length; i++) {
      const result = await this.paced('chat.postMessage', ref.conversationId, () =>
        this.client.chat.postMessage({ channel: ref.conversationId, thread_ts: threadTs, ...posts[i], unfurl_links: false, unfurl_media: false }));
      const ts = String(result.ts);
      // The escalation is one post (its card is clipped to fit); its ts is the thread every later line joins.
      if (tier2 === 'escalation') {
        await this.tier2Threads?.posted(ticket, ts);
        this.tier2?.remember(ts, ticket);
      }
      this.progress.set(deliveryId, i + 1);
    }
    // An agent's files go after their words, each one step of the delivery (a retry resumes after the last sent).
    const files = message.kind === 'text' ? message.files ?? [] : [];
    for (let i = (this.progress.get(deliveryId) ?? posts.length) - posts.length; i < files.length; i++) {
      await this.uploadFile(ref.conversationId, threadTs, files[i]);
      this.progress.set(deliveryId, posts.length + i + 1);
    }
    this.progress.delete(deliveryId);
    // What the bot tells a person usually follows a change of their ticket: their Home tab shows it too.
    if (!tier2) this.surfaces.touched(ref.userId);
    // Bound the map: an entry stays only for deliveries that failed part-way.
    if (this.progress.size > 1000) this.progress.delete(this.progress.keys().next().value as number);
  }

  /** One stored file into the conversation (files.uploadV2, scope files:write); a file gone from disk is skipped with a log line. */
  private async uploadFile(channel: string, threadTs: string | undefined, file: { name: string; key: string }): Promise<void> {
    const bytes = await this.files.read(file.key);
    if (!bytes) {
      this.context().log.warn({ file: file.name }, 'slack: a stored file to send is missing; skipped');
      return;
    }
    const upload = { file: bytes, filename: file.name, title: file.name };
    await this.paced('files.uploadV2', channel, () => (threadTs
      ? this.client.filesUploadV2({ ...upload, channel_id: channel, thread_ts: threadTs })
      : this.client.filesUploadV2({ ...upload, channel_id: channel })));
  }

  /** The escalation post replaced in place (its status, owner, priority; no buttons once resolved). */
  private async updateCard(channel: string, ts: string, post: SlackPost): Promise<void> {
    await this.paced('chat.update', channel, () => this.client.chat.update({ channel, ts, ...post }));
  }

  /**
   * One Web API call of an outbox send within Slack's limits: a call the method's tier (or a recent 429) does
   * not allow yet is not made; the RateLimitedError says when it may go, and the dispatcher plans the retry then.
   */
  private async paced<T>(method: string, channel: string, call: () => Promise<T>): Promise<T> {
    const wait = this.pacer.take(method, channel);
    if (wait > 0) throw new RateLimitedError(`Slack ${method} held back by its rate limit (retry after ${wait / 1000} s)`, wait, undefined, true);
    try {
      return await call();
    } catch (error) {
      const mapped = toChannelError(error, method);
      if (mapped instanceof RateLimitedError) this.pacer.limited(method, channel, mapped.retryAfterMs);
      throw mapped;
    }
  }

  /** A message or mention event: map, check it is addressed to us, enrich with the profile, store. */
  async onMessageEvent(event: SlackMessageEvent, retryNum?: number): Promise<void> {
    const ctx = this.context();
    if (this.tier2 && event.channel === this.tier2.channelId) return this.tier2.handleMessage(event);
    const mapped = mapMessageEvent(event, this.botUserId);
    if (mapped.kind === 'unsupported') {
      ctx.log.debug({ type: event.type, subtype: event.subtype, reason: mapped.reason }, 'slack event dropped');
      return;
    }
    if (mapped.kind === 'thread_reply' && !(await this.isOurThread(mapped.message, mapped.parentUserId))) return;
    if (mapped.kind === 'dm') this.surfaces.learnDm(mapped.message.ref.userId, mapped.message.ref.conversationId);
    if (event.files?.length) {
      // The files first, kept on the ticket without a turn: a file alone is no answer to the bot's question.
      const lines = SlackFiles.lines(await this.files.fetch(event.files));
      const from = mapped.message.ref.userId;
      await this.acceptWithProfile({ ...mapped.message, platformMessageId: `${mapped.message.platformMessageId}#files`, text: lines.join('\n'), hold: { reason: 'attachments', from } }, retryNum);
      if (!mapped.message.text) return;
    }
    await this.acceptWithProfile(mapped.message, retryNum);
  }

  /** A reaction: the requester's ✅ on the bot's "Is it fixed?" in their DM confirms it. */
  async onReaction(event: SlackReaction): Promise<void> {
    const message = await confirmationOf(event, this.botUserId, this.context().lookup);
    if (message) return void (await this.acceptWithProfile(message));
    const emoji = this.config.ticketEmoji ?? 'ticket';
    if (!isTicketReaction(event, emoji, this.botUserId)) return;
    // Acknowledged first: the message and its permalink are Web API reads, made once the burst is answered.
    // Lost if the process dies in between; the same reaction again (one ticket per message) raises it then.
    this.afterAcks('ticket reaction', async () => {
      const ticket = await ticketFromReaction(event, emoji, this.client, this.botUserId, this.context().log);
      if (ticket) await this.acceptWithProfile(ticket);
    });
  }

  /** Work after an ack (Web API calls, a ticket read from Slack): started once the burst's acks are out, failures logged. */
  afterAcks(what: string, job: () => Promise<unknown>): void {
    const ctx = this.context();
    void ctx.ingressQuiet().then(job).catch((error: unknown) => ctx.log.error({ err: error }, `slack ${what} failed`));
  }

  /** A click on one of our choice buttons answers the question it belongs to. */
  async onChoiceClick(body: SlackBlockActions): Promise<boolean> {
    const message = mapChoiceClick(body);
    if (!message) return false;
    // In a channel thread everyone sees the buttons; only the requester's click answers (told privately otherwise).
    const requester = message.ref.conversationId.startsWith('D') ? null : await foreignClick(this.context().lookup, message.ref);
    if (requester) {
      this.afterAcks('ephemeral notice', () => this.tellOnly(message.ref, onlyRequesterText(requester)));
      return true;
    }
    const status = await this.acceptWithProfile(message);
    if (status === 'accepted') this.afterAcks('chosen button', () => this.markChosen(body, message.text));
    return true;
  }

  /** Let the handoff module receive Take over / Resolve clicks and agents' thread messages (before or after start). */
  setTier2Handler(handler: Tier2Handler): void {
    if (!this.config.tier2Channel) throw new ConfigError('Set SLACK_TIER2_CHANNEL before registering a tier-2 handler');
    // The app wires handlers before channels start; the tier-2 helper only exists once started.
    this.pendingHandler = handler;
    if (this.tier2) this.tier2.handler = handler;
  }

  /** The tier-2 channel id, or undefined when tier-2 work in Slack is off. */
  get tier2ChannelId(): string | undefined {
    return this.config.tier2Channel;
  }

  /** The channel's context, once started. */
  context(): ChannelContext {
    if (!this.ctx) throw new Error('slack channel used before start()');
    return this.ctx;
  }

  private async acceptWithProfile(message: InboundMessage, retryNum?: number): Promise<'accepted' | 'duplicate'> {
    const ctx = this.context();
    // users.info is not awaited before the ack: an unknown user's profile reaches the engine before the turn.
    // The lookup starts once requests pause, so a burst's acks are not held up by building its lookups.
    const user = this.users.cached(message.ref.userId);
    const lateProfile = user ? undefined : ctx.ingressQuiet().then(() => this.users.profile(message.ref.userId));
    let result;
    try {
      result = await ctx.accept({ ...message, ...(user ? { user } : {}), receivedAt: new Date().toISOString() }, lateProfile);
    } catch (error) {
      // A payload that does not fit our schema will not fit on Slack's retry either: acknowledge and drop.
      // A 503 (database unavailable) is no bad payload: rethrown, the platform retries it.
      if (!isRejectedInput(error)) throw error;
      ctx.log.warn({ reason: error.message, platformMessageId: message.platformMessageId }, 'slack message rejected');
      return 'duplicate';
    }
    if (message.ref.threadId) this.remember(`${message.ref.conversationId}:${message.ref.threadId}`);
    // Slack retries an event it thinks we missed (x-slack-retry-num); the store answers duplicate.
    if (result.status === 'duplicate') ctx.log.info({ retryNum, platformMessageId: message.platformMessageId }, 'slack duplicate acknowledged');
    return result.status;
  }

  /** A thread reply counts when the thread is a conversation with us and its starter is the one replying. */
  private async isOurThread(message: InboundMessage, parentUserId: string | undefined): Promise<boolean> {
    if (parentUserId && parentUserId !== message.ref.userId) return false;
    const key = `${message.ref.conversationId}:${message.ref.threadId}`;
    if (this.knownThreads.has(key)) return true;
    const known = (await this.context().transcript(message.ref)).length > 0;
    if (known) this.remember(key);
    return known;
  }

  private remember(key: string): void {
    this.knownThreads.add(key);
    if (this.knownThreads.size > 10_000) this.knownThreads.delete(this.knownThreads.values().next().value as string);
  }

  /** An ephemeral message to the user of `ref`, in its thread: only they see it. */
  private async tellOnly(ref: ConversationRef, text: string): Promise<void> {
    try {
      await this.client.chat.postEphemeral({ channel: ref.conversationId, user: ref.userId, text: escapeMrkdwn(text), ...(ref.threadId ? { thread_ts: ref.threadId } : {}) });
    } catch (error) {
      this.context().log.warn({ code: slackErrorCode(error) }, 'slack ephemeral notice failed');
    }
  }

  /** Replace the buttons of an answered question with the answer, so it cannot be clicked again. */
  private async markChosen(body: SlackBlockActions & { message?: { blocks?: Array<Record<string, unknown>> } }, label: string): Promise<void> {
    const channel = body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    const blocks = body.message?.blocks;
    if (!channel || !ts || !blocks) return;
    const updated = blocks.map((b) => (b.type === 'actions' && b.block_id === 'fd_choices'
      ? { type: 'context', elements: [{ type: 'mrkdwn', text: `✓ ${escapeMrkdwn(label)}` }] }
      : b));
    try {
      // `text` is the notification and fallback, read as mrkdwn too: the label is escaped there as well.
      await this.client.chat.update({ channel, ts, blocks: updated as never, text: escapeMrkdwn(label) });
    } catch (error) {
      this.context().log.debug({ code: slackErrorCode(error) }, 'could not mark the chosen button');
    }
  }

  private async identify(ctx: ChannelContext): Promise<{ botUserId?: string; botId?: string }> {
    if (this.config.botUserId) return { botUserId: this.config.botUserId, botId: this.config.botId };
    try {
      const auth = await this.client.auth.test();
      return { botUserId: auth.user_id, botId: auth.bot_id };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked') {
        throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth page`);
      }
      // Slack unreachable at start: bolt will verify the token on the first event instead.
      ctx.log.warn({ reason: (error as Error).message }, 'slack auth.test failed; continuing');
      return {};
    }
  }
}

/** Create the Slack channel. */
export function createSlackChannel(config: SlackChannelConfig): SlackChannel {
  return new SlackChannel(config);
}

/** The channel's settings from the service configuration (the factory line in channels/index.ts uses it). */
export function slackConfigFrom(config: Config): SlackChannelConfig {
  if (!config.SLACK_BOT_TOKEN || !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or remove the Slack settings');
  }
  return {
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    files: {
      dir: path.join(path.dirname(config.DATABASE_PATH), 'attachments'),
      maxBytes: config.SLACK_MAX_FILE_MB * 1024 * 1024,
      types: config.SLACK_FILE_TYPES.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean),
    },
    appToken: config.SLACK_APP_TOKEN,
    tier2Channel: config.SLACK_TIER2_CHANNEL,
    slackApiUrl: config.SLACK_API_URL,
    ticketEmoji: config.SLACK_TICKET_EMOJI,
  };
}
