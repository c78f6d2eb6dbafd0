import type { WebClient } from '@slack/web-api';
import { FORM_TICKET_ACTION, formText } from '../../src/engine/turns/form-ticket';
import { errorCode } from '../../src/errors';
import type { ChannelContext } from '../../src/types/channel';
import type { InboundMessage, Lang } from '../../src/types/conversation';
import { slackErrorCode } from './slack-errors';
import { homeView } from './slack-home';
import { toPlainText } from './slack-inbound';
import { surfaceText } from './slack-surface-text';
import { newTicketModal, readNewTicketSubmission, type ModalPrefill, type NewTicketSubmission } from './slack-ticket-modal';
import type { SlackUserCache } from './slack-users';

/** The `/helpdesk` slash command as Slack posts it (form fields). */
export type SlackSlashCommand = { command?: string; text?: string; user_id?: string; channel_id?: string; trigger_id?: string };

/** A global (`shortcut`) or message (`message_action`) shortcut payload, the fields we read. */
export type SlackShortcut = {
  type: 'shortcut' | 'message_action';
  callback_id?: string;
  trigger_id?: string;
  user?: { id?: string };
  team?: { id?: string; domain?: string } | null;
  channel?: { id?: string; name?: string };
  message?: { ts?: string; text?: string };
};

/** The `app_home_opened` event. */
export type SlackHomeOpened = { type: 'app_home_opened'; user?: string; channel?: string; tab?: string };

/** What the surfaces need from the channel. */
export type SurfaceDeps = {
  client: WebClient;
  users: SlackUserCache;
  context(): ChannelContext;
  /** Store an inbound message as the channel does (profile lookup after the ack). */
  accept(message: InboundMessage): Promise<'accepted' | 'duplicate'>;
};

/**
 * Slack's own surfaces: the new-ticket modal (opened by /helpdesk, the "Report to IT" shortcuts and the App
 * Home button; its submission is a ticket through the engine, confirmed with its number in the person's DM
 * with the app) and the App Home tab listing the person's tickets, published when they open it and again
 * after the bot writes to them.
 */
export class SlackSurfaces {
  /** The DM channel (D…) of each person with the app, learnt from their DMs and App Home visits. */
  private readonly dms = new Map<string, string>();
  /** People whose Home tab was published: it is refreshed when the bot writes to them. */
  private readonly homes = new Set<string>();
  private readonly refreshing = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: SurfaceDeps) {}

  /** Remember a person's DM with the app (a DM event or an App Home visit names it). */
  learnDm(user: string, channel: string): void {
    if (!channel.startsWith('D')) return;
    this.dms.delete(user);
    this.dms.set(user, channel);
    if (this.dms.size > 50_000) this.dms.delete(this.dms.keys().next().value as string);
  }

  /** `/helpdesk [what is wrong]`: the modal, its summary prefilled with the command's text. */
  async onCommand(body: SlackSlashCommand): Promise<void> {
    if (!body.user_id || !body.trigger_id) return;
    const text = (body.text ?? '').trim();
    await this.openModal(body.trigger_id, body.user_id, text ? { text } : undefined);
  }

  /** "Report to IT": the global shortcut opens an empty modal; the message shortcut one holding the message and its link. */
  async onShortcut(body: SlackShortcut): Promise<void> {
    const user = body.user?.id;
    if (!user || !body.trigger_id) return;
    if (body.type === 'shortcut') return this.openModal(body.trigger_id, user);
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    const domain = body.team?.domain;
    // Slack's documented permalink form; chat.getPermalink would cost a call inside the trigger's 3 seconds.
    const permalink = channel && ts && domain && /^[a-z0-9-]+$/i.test(domain) ? `https://${domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}` : undefined;
    const prefill: ModalPrefill = { text: toPlainText(body.message?.text ?? ''), ...(permalink ? { permalink } : {}), ...(body.channel?.name ? { channelName: body.channel.name } : {}) };
    await this.openModal(body.trigger_id, user, prefill);
  }

  /** The App Home's "New ticket" button. */
  async onHomeButton(triggerId: string | undefined, user: string | undefined): Promise<void> {
    if (triggerId && user) await this.openModal(triggerId, user);
  }

  /**
   * The modal submitted: stored as the person's message before Slack is answered (nothing acknowledged is
   * lost; a double submission of one view is one message), then the engine logs the ticket and says its number.
   */
  async onSubmission(body: NewTicketSubmission): Promise<{ errors: Record<string, string> } | null> {
    const read = readNewTicketSubmission(body);
    if (!read.ok) return { errors: read.errors };
    if (!read.user || !read.viewId) return null;
    const dm = await this.dmOf(read.user);
    const message: InboundMessage = {
      // Without a known DM, Slack delivers a post addressed to the user id to their DM with the app.
      ref: { channel: 'slack', conversationId: dm ?? read.user, userId: read.user },
      platformMessageId: `view:${read.viewId}`,
      text: formText(read.form),
      action: { id: FORM_TICKET_ACTION, value: JSON.stringify(read.form) },
    };
    await this.deps.accept(message);
    return null;
  }

  /** Someone opened the app: remember their DM; on the Home tab, publish their tickets. */
  async onHomeOpened(event: SlackHomeOpened): Promise<void> {
    if (!event.user) return;
    if (event.channel) this.learnDm(event.user, event.channel);
    if (event.tab === 'messages') return;
    await this.publishHome(event.user);
  }

  /** The bot wrote to `user`: their Home tab, if they have one, shows the change shortly after (one publish per burst). */
  touched(user: string): void {
    if (!this.homes.has(user) || this.refreshing.has(user)) return;
    const timer = setTimeout(() => {
      this.refreshing.delete(user);
      // Its lookups need the database: one that is away fails this refresh only (unhandled, it would end the process).
      this.publishHome(user).catch((error: unknown) => this.deps.context().log.warn({ code: errorCode(error) }, 'slack home tab not refreshed'));
    }, 500);
    timer.unref();
    this.refreshing.set(user, timer);
  }

  /** Stop pending Home refreshes (channel stop). */
  stop(): void {
    for (const timer of this.refreshing.values()) clearTimeout(timer);
    this.refreshing.clear();
  }

  /** views.publish of the person's Home tab, in their language. */
  async publishHome(user: string): Promise<void> {
    const { lookup, log } = this.deps.context();
    const person = await lookup.findUser('slack', user);
    const tickets = person ? await lookup.ticketsForUser(person.id, 60) : [];
    const lang = await this.langOf(user, person?.lang ?? null);
    try {
      await this.deps.client.views.publish({ user_id: user, view: homeView(tickets, lang) as never });
      this.homes.add(user);
      if (this.homes.size > 50_000) this.homes.delete(this.homes.values().next().value as string);
    } catch (error) {
      log.warn({ code: slackErrorCode(error) }, 'slack home tab not published');
    }
  }

  private async openModal(triggerId: string, user: string, prefill?: ModalPrefill): Promise<void> {
    const lang = await this.langOf(user, (await this.deps.context().lookup.findUser('slack', user))?.lang ?? null);
    try {
      await this.deps.client.views.open({ trigger_id: triggerId, view: newTicketModal(lang, prefill) as never });
    } catch (error) {
      const code = slackErrorCode(error);
      this.deps.context().log.warn({ code }, 'slack new-ticket modal did not open');
      // An expired trigger (over 3 s) is the usual cause: say so in the person's DM rather than nothing.
      const dm = await this.dmOf(user);
      await this.deps.client.chat.postMessage({ channel: dm ?? user, text: surfaceText('retryForm', lang) }).catch(() => undefined);
    }
  }

  /** The person's language: what the conversation settled on, else their Slack locale, else English. */
  private async langOf(user: string, stored: Lang | null): Promise<Lang> {
    return stored ?? (await this.deps.users.profile(user))?.lang ?? 'en';
  }

  /** The person's DM with the app: learnt, else the one of a ticket they opened there. */
  private async dmOf(user: string): Promise<string | null> {
    const known = this.dms.get(user);
    if (known) return known;
    const { lookup } = this.deps.context();
    const person = await lookup.findUser('slack', user);
    if (!person) return null;
    for (const ticket of await lookup.ticketsForUser(person.id, 20)) {
      const ref = (await lookup.getConversation(ticket.conversationId))?.ref;
      if (ref?.conversationId.startsWith('D') && !ref.threadId) {
        this.learnDm(user, ref.conversationId);
        return ref.conversationId;
      }
    }
    return null;
  }
}
