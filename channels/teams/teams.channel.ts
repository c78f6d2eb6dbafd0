import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { Config } from '../../src/config';
import { ChannelError, ConfigError, ValidationError, errorCode } from '../../src/errors';
import { HttpError, isRejectedInput } from '../../src/http/body';
import type { AcceptResult, ChannelAdapter, ChannelCapabilities, ChannelContext } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, Lang, OutboundMessage } from '../../src/types/conversation';
import { conversationTypeOf, inboundOf, langOfLocale, mentionsBot, referenceOf, refOf, submittedChoice, tenantOf } from './teams-activity';
import { answerForeignClick, closedText, disableCard, finishedCard, judgeClick, type ClickVerdict } from './teams-clicks';
import { answerInvoke, CARD_ACTION_INVOKE, cardResponse, executeData, messageResponse, TASK_FETCH_INVOKE, taskFetchResponse, unknownActionResponse, type CardActionResponse } from './teams-invoke';
import { toChannelError } from './teams-errors';
import { mountLegalPages } from './legal-pages';
import { TeamsCloudAdapter } from './teams-adapter';
import { toBotRequest, toBotResponse } from './teams-http';
import { MemberDirectory } from './teams-members';
import { activityOf } from './teams-render';
import { welcomeText } from './teams-welcome';
import { answerFormInvoke } from './teams-form-invokes';
import { mountTicketsPage, ticketsLink } from './teams-tab';
import { mountTabApi } from './teams-tab-api';
import { mountTabPage } from './teams-tab-page';
import { ssoResource, TeamsSsoVerifier, type TeamsSsoConfig } from './teams-sso';
import { TeamsFiles, teamsFilesOf, type TeamsFilesOptions } from './teams-files';
import { AGENT_VERB_PREFIX } from './teams-agent-card';
import type { TeamsAgentHandler } from './teams-agents';
import { TeamsAgentPosts, type TeamsAgentChannelConfig } from './teams-agent-posts';
import { TeamsServiceUrls } from './teams-service-urls';
import type { TeamsServiceUrlStore } from '../../src/store/teams-service-url-store';
import type { AgentThreadStore } from '../../src/store/agent-thread-store';
import { fetchedFileLines } from '../../src/files/fetched-file';

/** Settings of the Teams channel. Without app id and password it only runs with `devUnauthenticated`. */
export type TeamsChannelConfig = {
  appId?: string;
  appPassword?: string;
  /** When set, activities from other tenants are ignored and the bot authenticates as single-tenant. */
  tenantId?: string;
  /** Local development: accept unsigned activities (loopback serviceUrl only) and send without a token. */
  devUnauthenticated?: boolean;
  defaultLang: Lang;
  /** Bound on the member (name, email) lookup done before acknowledging a user's first message. */
  memberLookupTimeoutMs?: number;
  /** Files people send the bot in a personal chat: fetched within these limits and kept with the ticket. */
  files?: TeamsFilesOptions;
  /** PUBLIC_URL: the signed "My tickets" page link in the personal welcome points there. */
  publicUrl?: string;
  /** The agents' channel escalations are posted into (TEAMS_AGENT_CHANNEL_ID, TEAMS_AGENT_SERVICE_URL). */
  agentChannel?: Omit<TeamsAgentChannelConfig, 'tenantId'>;
  /** The personal tab's single sign-on (TEAMS_SSO_APP_ID); without it the tab only works from the signed link. */
  sso?: TeamsSsoConfig;
};

/** Path the Azure Bot resource's messaging endpoint points at. */
export const TEAMS_MESSAGES_PATH = '/api/teams/messages';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const REMEMBERED = 5_000;

/**
 * Microsoft Teams through botbuilder's CloudAdapter. Inbound activities are verified (JWT), mapped and
 * stored, then acknowledged; every reply, including the first, goes out later through `send` by
 * conversation reference (continueConversationAsync), so agent replies and notices reach users the same way.
 */
export class TeamsChannel implements ChannelAdapter {
  readonly name = 'teams' as const;
  readonly capabilities: ChannelCapabilities = { buttons: true, cards: true, threads: false, forms: false, maxTextLength: 8000, markdown: 'markdown' };
  readonly authenticated: boolean;
  private readonly adapter: TeamsCloudAdapter;
  private readonly appId: string;
  private readonly members: MemberDirectory;
  private readonly files: TeamsFiles | null;
  private ctx: ChannelContext | null = null;
  private agents: TeamsAgentHandler | null = null;
  private agentPosts: TeamsAgentPosts | null = null;
  /** Deliveries already sent and welcomes already given, so a retried call does not post twice. */
  private readonly sent = new Set<number>();
  private readonly welcomed = new Set<string>();
  /** The Bot Connector addresses Teams' activities showed, for posts no activity answers (the agents' channel). */
  private readonly serviceUrls = new TeamsServiceUrls();

  constructor(private readonly config: TeamsChannelConfig) {
    this.authenticated = Boolean(config.appId && config.appPassword);
    if (!this.authenticated && !config.devUnauthenticated) {
      throw new ConfigError('Teams needs TEAMS_APP_ID and TEAMS_APP_PASSWORD (or TEAMS_DEV_UNAUTHENTICATED=true for local development only)');
    }
    this.appId = this.authenticated ? (config.appId as string) : '';
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: this.appId,
      MicrosoftAppPassword: this.authenticated ? config.appPassword : '',
      MicrosoftAppType: this.authenticated && config.tenantId ? 'SingleTenant' : 'MultiTenant',
      MicrosoftAppTenantId: this.authenticated ? config.tenantId : undefined,
    });
    this.adapter = new TeamsCloudAdapter(auth);
    this.files = config.files ? new TeamsFiles(config.files) : null;
    this.members = new MemberDirectory({ ttlMs: 3_600_000, timeoutMs: config.memberLookupTimeoutMs ?? 2_000, maxEntries: 5_000, clock: Date.now });
  }

  /** Agents' ticket cards (Universal Actions `fd_agent.*`) are handed here (teams-agents.ts). */
  setAgentHandler(handler: TeamsAgentHandler): void {
    this.agents = handler;
  }

  /** The agents' channel conversation id, when escalations are posted there. */
  get agentChannelId(): string | undefined {
    return this.config.agentChannel?.channelId;
  }

  /**
   * Post escalations into the agents' channel, their activity ids kept in `threads` (teams-agent-channel.ts queues
   * them), to the Bot Connector address Teams last sent, kept in `serviceUrls` across restarts.
   */
  setAgentThreads(threads: AgentThreadStore, serviceUrls: TeamsServiceUrlStore): void {
    if (!this.config.agentChannel) throw new ConfigError('Set TEAMS_AGENT_CHANNEL_ID before posting escalations to Teams');
    this.serviceUrls.keepIn(serviceUrls, () => this.context().log);
    this.agentPosts = new TeamsAgentPosts({
      adapter: this.adapter, appId: this.appId, config: { ...this.config.agentChannel, tenantId: this.config.tenantId }, threads, lang: this.config.defaultLang,
      card: async (number, lang) => (this.agents ? this.agents.card(number, lang) : null), learnt: (channel, tenant) => this.serviceUrls.forChannel(channel, tenant),
    });
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.ctx = ctx;
    ctx.router.add('POST', TEAMS_MESSAGES_PATH, (req, res) => this.receive(req, res));
    // The package's privacyUrl and termsOfUseUrl point here: Teams admins open them before approving the app.
    mountLegalPages(ctx.router);
    mountTicketsPage(ctx.router, () => this.context());
    mountTabPage(ctx.router);
    mountTabApi(ctx.router, () => this.context(), this.config.sso ? new TeamsSsoVerifier(this.config.sso) : null);
    if (!this.authenticated) {
      ctx.log.warn(
        { path: TEAMS_MESSAGES_PATH },
        '!!! TEAMS RUNS WITHOUT AUTHENTICATION (TEAMS_DEV_UNAUTHENTICATED=true): unsigned activities are accepted. ' +
          'Local development only; set TEAMS_APP_ID and TEAMS_APP_PASSWORD before exposing this server !!!',
      );
    } else if (this.config.devUnauthenticated) {
      ctx.log.warn('TEAMS_DEV_UNAUTHENTICATED is ignored because TEAMS_APP_ID and TEAMS_APP_PASSWORD are set: requests are authenticated');
    }
  }

  async stop(): Promise<void> {
    this.ctx = null;
  }

  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    if (this.sent.has(deliveryId)) return;
    if (this.agentPosts?.owns(ref)) {
      await this.agentPosts.send(ref, message).catch((error: unknown) => {
        throw toChannelError(error);
      });
      return remember(this.sent, deliveryId);
    }
    const reference = referenceOf(ref);
    if (!reference) throw new ChannelError('no Teams address stored for this conversation (serviceUrl missing): the user must message the bot once', true);
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
        await turn.sendActivity(activityOf(message, String(deliveryId)));
      });
    } catch (error) {
      throw toChannelError(error);
    }
    remember(this.sent, deliveryId);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await toBotRequest(req);
    const serviceUrl = (request.body as { serviceUrl?: unknown }).serviceUrl;
    // Unauthenticated, anyone could make the bot call an address of their choosing: keep it on this machine.
    if (!this.authenticated && !isLoopback(serviceUrl)) {
      throw new HttpError(403, 'without TEAMS_APP_ID/TEAMS_APP_PASSWORD only activities with a loopback serviceUrl are accepted');
    }
    const authHeader = String(req.headers.authorization ?? '');
    let authenticated = false;
    const outcome = await this.adapter.processInbound(authHeader, request.body as unknown as Activity, (turn) => {
      authenticated = true;
      return this.onTurn(turn);
    });
    const response = toBotResponse(res);
    if (!authenticated && outcome.error !== undefined) {
      // A token botbuilder could not verify (401) or could not check (signing keys unreachable, a key id nobody
      // published: 500 with the internal error) gets a bare 401; only the error's kind goes to our log.
      this.context().log.warn({ status: outcome.status, kind: (outcome.error as Error)?.name ?? typeof outcome.error }, 'Teams activity not authenticated');
      response.status(401);
    } else if (outcome.error === undefined) {
      response.status(outcome.status);
      if (outcome.body !== undefined) response.send(outcome.body);
    } else {
      // The error's kind and code only, in the log and the body: its message can quote the activity (a name,
      // the problem text), which the redacting logger cannot tell from the rest of the message.
      this.context().log.error({ kind: (outcome.error as Error)?.name ?? typeof outcome.error, code: errorCode(outcome.error) }, 'Teams activity failed');
      response.status(outcome.status);
      response.send({ error: 'Teams activity failed (details in the Frontdesk log); it may be retried' });
    }
    response.finish();
  }

  private async onTurn(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    const log = this.context().log;
    const tenant = tenantOf(activity);
    if (this.config.tenantId && tenant !== this.config.tenantId) {
      log.warn({ tenant: tenant ?? null, type: activity.type }, 'Teams activity from another tenant ignored');
      return;
    }
    await this.serviceUrls.learn(activity);
    if (activity.type === 'message') return this.onMessage(turn);
    if (activity.type === 'conversationUpdate') return this.onConversationUpdate(turn);
    if (activity.type === 'installationUpdate') return this.onInstalled(turn);
    if (activity.type === 'invoke') return this.onInvoke(turn);
    log.debug({ type: activity.type }, 'Teams activity type not handled');
  }

  private async onMessage(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    // In channels and group chats Teams only forwards @mentions; anything else (RSC) is not for us.
    if (conversationTypeOf(activity) !== 'personal' && !mentionsBot(activity) && !submittedChoice(activity)) return;
    const click = submittedChoice(activity);
    const personal = conversationTypeOf(activity) === 'personal';
    const verdict = click ? await judgeClick(this.context(), refOf(activity), click.cardId, personal) : null;
    if (verdict && verdict.kind !== 'answer') return this.refuseClick(turn, verdict);
    const profile = await this.members.profileOf(turn);
    const files = personal && this.files && !click && activity.id ? teamsFilesOf(activity.attachments) : [];
    if (files.length && this.files) {
      // The files first, kept on the ticket without a turn (as on Slack): a file alone answers no question.
      const ref = refOf(activity);
      const lines = fetchedFileLines(await this.files.fetch(files));
      await this.acceptOrDrop({ ref, platformMessageId: `${activity.id}#files`, text: lines.join('\n'), user: profile, hold: { reason: 'attachments', from: ref.userId } });
    }
    const message = inboundOf(activity, profile);
    if (!message) return;
    // An agent asking for a ticket by its number gets the ticket's card (answered in the turn, not a user message).
    const card = this.agents && !click ? await this.agents.cardFor(message.text, profile, langOfLocale(activity.locale) ?? this.config.defaultLang, activity.from?.id) : null;
    if (card) return this.quietly(async () => void (await turn.sendActivity({ type: 'message', attachments: [card] })), 'agent ticket card not delivered');
    const result = await this.acceptOrDrop(message);
    if (!result) return;
    if (result.status === 'duplicate') this.context().log.info({ messageId: result.messageId }, 'Teams activity already received');
    else if (verdict?.kind === 'answer' && click) await this.quietly(() => disableCard(turn, verdict.card, click.label), 'answered card not updated');
  }

  /** Invokes want an answer in the HTTP response (botbuilder answers 501 to one left unanswered). */
  private async onInvoke(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    if (activity.name === CARD_ACTION_INVOKE) return answerInvoke(turn, await this.onCardAction(turn));
    // The new-ticket form: the message extension's commands, or a task module opened from a card.
    const form = await answerFormInvoke(activity, {
      context: () => this.context(), profile: () => this.members.profileOf(turn), accept: (message) => this.acceptOrDrop(message), defaultLang: this.config.defaultLang,
    });
    if (form !== undefined) return answerInvoke(turn, form);
    if (activity.name === TASK_FETCH_INVOKE) return answerInvoke(turn, taskFetchResponse(langOfLocale(activity.locale) ?? this.config.defaultLang));
    this.context().log.info({ name: String(activity.name ?? '').slice(0, 100) }, 'Teams invoke not handled; answered 200 without a body');
    return answerInvoke(turn, undefined);
  }

  /**
   * A Universal Action (Action.Execute) on one of our cards: judged like a submit, stored as the user's answer,
   * and answered in the response itself: the card replaced by its answered (or closed) form, or, for someone
   * else's card, a message only the clicker sees.
   */
  private async onCardAction(turn: TurnContext): Promise<CardActionResponse> {
    const activity = turn.activity;
    const verb = String((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    if (verb.startsWith(AGENT_VERB_PREFIX)) {
      if (!this.agents) return unknownActionResponse();
      return this.agents.onAction(activity, await this.members.profileOf(turn), langOfLocale(activity.locale) ?? this.config.defaultLang);
    }
    const data = executeData(activity);
    const submit = { ...activity, type: 'message', text: '', value: data ?? undefined } as Activity;
    // Every Action.Execute card we send names its card (the outbox delivery); one that does not is not ours.
    const click = data ? submittedChoice(submit) : null;
    if (!click || click.cardId === null) {
      this.context().log.warn({ verb: String((activity.value as { action?: { verb?: unknown } })?.action?.verb ?? '').slice(0, 100) }, 'Teams card action not ours');
      return unknownActionResponse();
    }
    const ref = refOf(activity);
    const verdict = await judgeClick(this.context(), ref, click.cardId, conversationTypeOf(activity) === 'personal');
    if (verdict.kind === 'foreign') return messageResponse(verdict.text);
    if (verdict.kind === 'stale') {
      this.context().log.info({ verdict: verdict.kind }, 'Teams card action not acted on');
      return verdict.card ? cardResponse(finishedCard(verdict.card, null)) : messageResponse(closedText(langOfLocale(activity.locale) ?? this.config.defaultLang));
    }
    const message = inboundOf(submit, await this.members.profileOf(turn));
    const result = message ? await this.acceptOrDrop(message) : null;
    if (!result) return unknownActionResponse();
    // A second click on the same card answers nothing new: the card shows the answer that counted.
    const counted = result.status === 'duplicate' ? (await this.context().transcript(ref)).find((m) => m.id === result.messageId)?.text : undefined;
    const line = counted ?? click.label;
    if (!verdict.card) return messageResponse(`✓ ${line}`);
    // The response replaces the card for the clicker; in a shared thread everyone else sees it through updateActivity.
    if (conversationTypeOf(activity) !== 'personal') await this.quietly(() => disableCard(turn, verdict.card, line), 'answered card not updated');
    return cardResponse(finishedCard(verdict.card, line));
  }

  /** Store the user's message; null when it does not fit our schema (it will not on a retry either: logged and dropped). */
  private async acceptOrDrop(message: InboundMessage): Promise<AcceptResult | null> {
    try {
      return await this.context().accept(message);
    } catch (error) {
      // A 503 (database unavailable) is no bad payload: rethrown, the platform retries it.
      if (!isRejectedInput(error)) throw error;
      this.context().log.warn({ reason: error.message }, 'Teams activity rejected');
      return null;
    }
  }

  /** Someone else's card, or one no longer current: it answers nothing. */
  private async refuseClick(turn: TurnContext, verdict: Exclude<ClickVerdict, { kind: 'answer' }>): Promise<void> {
    this.context().log.info({ verdict: verdict.kind }, 'Teams card click not acted on');
    if (verdict.kind === 'foreign') return this.quietly(() => answerForeignClick(turn, verdict.text), 'foreign click notice not delivered');
    return this.quietly(() => disableCard(turn, verdict.card, null), 'stale card not updated');
  }

  /** A courtesy call to Teams (card update, notice): logged when it fails, never a reason for Teams to resend the click. */
  private async quietly(call: () => Promise<void>, what: string): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.context().log.warn({ reason: toChannelError(error).message }, what);
    }
  }

  private async onConversationUpdate(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if (!botAdded) return;
    await this.onInstalled(turn);
    if (!activity.id || this.welcomed.has(activity.id)) return;
    remember(this.welcomed, activity.id);
    const lang = langOfLocale(activity.locale) ?? this.config.defaultLang;
    try {
      const user = activity.from?.aadObjectId || activity.from?.id;
      const link = this.config.publicUrl && user ? ticketsLink(this.config.publicUrl, this.context().secret('teams-tickets-page'), user, lang, new Date()) : undefined;
      await turn.sendActivity(activityOf({ kind: 'text', text: welcomeText(lang, conversationTypeOf(activity), link) }));
    } catch (error) {
      // A lost welcome is not worth a retry storm from Teams: log it and acknowledge.
      this.context().log.warn({ reason: toChannelError(error).message }, 'Teams welcome not delivered');
    }
  }

  /**
   * The app was installed in a personal chat (conversationUpdate with the bot in membersAdded, or installationUpdate
   * "add"): the conversation reference is stored without a turn or a reply, so broadcasts and incident notices reach
   * people who never wrote. One per conversation, however often Teams says so.
   */
  private async onInstalled(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    if (activity.type === 'installationUpdate' && !String(activity.action ?? '').startsWith('add')) return;
    if (conversationTypeOf(activity) !== 'personal' || !activity.from?.id || activity.from.id === activity.recipient?.id) return;
    try {
      const ref = refOf(activity);
      await this.context().accept({ ref, platformMessageId: `installed:${ref.conversationId}`.slice(0, 500), text: '', hold: { reason: 'installed', from: ref.userId } });
    } catch (error) {
      // Teams does not retry installs usefully; the person's first message stores the reference anyway.
      this.context().log.warn({ reason: (error as Error).message }, 'Teams install: conversation reference not stored');
    }
  }

  private context(): ChannelContext {
    if (!this.ctx) throw new Error('Teams channel used before start()');
    return this.ctx;
  }
}

function isLoopback(serviceUrl: unknown): boolean {
  return typeof serviceUrl === 'string' && URL.canParse(serviceUrl) && LOOPBACK.has(new URL(serviceUrl).hostname);
}

function remember<T>(set: Set<T>, value: T): void {
  if (set.size >= REMEMBERED) set.delete(set.values().next().value as T);
  set.add(value);
}

/** The Teams settings from the service configuration. */
export function teamsChannelConfigFrom(config: Config): TeamsChannelConfig {
  return {
    appId: config.TEAMS_APP_ID,
    appPassword: config.TEAMS_APP_PASSWORD,
    tenantId: config.TEAMS_TENANT_ID,
    devUnauthenticated: config.TEAMS_DEV_UNAUTHENTICATED === 'true',
    defaultLang: config.DEFAULT_LANG,
    publicUrl: config.PUBLIC_URL,
    sso: config.TEAMS_SSO_APP_ID ? {
      appId: config.TEAMS_SSO_APP_ID, resource: ssoResource(config.PUBLIC_URL, config.TEAMS_SSO_APP_ID), jwksUrl: config.TEAMS_SSO_JWKS_URL, tenantId: config.TEAMS_TENANT_ID,
    } : undefined,
    agentChannel: config.TEAMS_AGENT_CHANNEL_ID ? { channelId: config.TEAMS_AGENT_CHANNEL_ID, serviceUrl: config.TEAMS_AGENT_SERVICE_URL } : undefined,
    files: {
      dir: path.join(path.dirname(config.DATABASE_PATH), 'attachments'),
      maxBytes: config.TEAMS_MAX_FILE_MB * 1024 * 1024,
      types: config.TEAMS_FILE_TYPES.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean),
    },
  };
}

/** Create the Teams channel; throws ConfigError when neither credentials nor the development switch are set. */
export function createTeamsChannel(config: TeamsChannelConfig): TeamsChannel {
  return new TeamsChannel(config);
}
