import type { Activity, Attachment, ConversationReference } from 'botbuilder';
import type { AgentThreadStore } from '../../src/store/agent-thread-store';
import type { ConversationRef, Lang, OutboundMessage } from '../../src/types/conversation';
import type { TeamsCloudAdapter } from './teams-adapter';
import { activityOf } from './teams-render';
import { GLOBAL_SERVICE_URL } from './teams-service-urls';

/** The part of botbuilder's ConnectorClient (in the turn's state) used to start a new channel post. */
type ConnectorConversations = { conversations: { sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }> } };

/** Where the agents' channel is: its conversation id, the Bot Connector's service URL when configured (an override), the tenant. */
export type TeamsAgentChannelConfig = { channelId: string; serviceUrl?: string; tenantId?: string };

/** What posting into the agents' channel needs from the Teams channel. */
export type TeamsAgentPostsDeps = {
  adapter: TeamsCloudAdapter;
  appId: string;
  config: TeamsAgentChannelConfig;
  threads: AgentThreadStore;
  /** The ticket's agent card as it stands now (null: no such ticket, or no agent handler). */
  card: (ticketNumber: string, lang: Lang) => Promise<Attachment | null>;
  lang: Lang;
  /** The service URL Teams' own activities showed for the channel or its tenant (used when none is configured). */
  learnt?: (channelId: string, tenantId?: string) => Promise<string | null>;
};

/**
 * Sends the agents' channel rows of the outbox (ref.extra.tier2 set by AgentThreadStore): the escalation as a new
 * post in the channel, its activity id recorded in teams_threads; a later card row replaces that post through
 * updateActivity (PUT /v3/conversations/{channel}/activities/{id}), so every agent sees one living card. The card is
 * built when sending, so a row retried after a change still shows the ticket as it is.
 */
export class TeamsAgentPosts {
  constructor(private readonly d: TeamsAgentPostsDeps) {}

  /** True when the row is one of ours (the agents' channel's conversation). */
  owns(ref: ConversationRef): boolean {
    return Boolean(ref.extra?.tier2) && ref.conversationId === this.d.config.channelId;
  }

  /** Post or update; Bot Connector failures are thrown as they come (the caller maps them for the dispatcher). */
  async send(ref: ConversationRef, message: OutboundMessage): Promise<void> {
    const role = ref.extra?.tier2;
    const ticket = ref.extra?.ticket ?? '';
    // A thread row is a line of the conversation, sent as written; the post and its updates are the card.
    const card = role === 'thread' ? null : await this.d.card(ticket, this.d.lang);
    const activity = card ? { type: 'message', attachments: [card] } : activityOf(message);
    if (role === 'escalation') {
      const id = await this.post(activity, this.d.config.channelId);
      if (id) await this.d.threads.setPostId('teams', ticket, id);
      return;
    }
    const postId = await this.d.threads.postIdOf('teams', ticket);
    // No post to update (its escalation failed for good): the card is fetched fresh whenever an agent asks for it.
    // A thread line without its post has nowhere to go either (it is on the ticket's history in the console).
    if (!postId) return;
    if (role === 'card') return this.continue(async (turn) => void (await turn.updateActivity({ ...activity, id: postId })));
    // A line for the post's reply chain: a Teams channel thread is the conversation `<channel>;messageid=<post>`.
    await this.post(activity, `${this.d.config.channelId};messageid=${postId}`);
  }

  /**
   * POST /v3/conversations/{conversationId}/activities: a new post in the channel, or a reply in a post's thread;
   * never a reply to the continuation's made-up activity id. Answers the new activity's id.
   */
  private async post(activity: Partial<Activity>, conversationId: string): Promise<string | undefined> {
    let id: string | undefined;
    await this.continue(async (turn) => {
      const client = turn.turnState.get<ConnectorConversations>(turn.adapter.ConnectorClientKey);
      const { tenantId } = this.d.config;
      const post = { ...activity, conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId, name: '' }, ...(tenantId ? { channelData: { tenant: { id: tenantId } } } : {}) };
      id = (await client.conversations.sendToConversation(conversationId, post))?.id;
    }, conversationId);
    return id;
  }

  private async continue(logic: Parameters<TeamsCloudAdapter['continueConversationAsync']>[2], conversationId = this.d.config.channelId): Promise<void> {
    const { channelId, tenantId } = this.d.config;
    // TEAMS_AGENT_SERVICE_URL overrides; else what Teams last sent for the channel or tenant; else the global address.
    const serviceUrl = this.d.config.serviceUrl ?? (await this.d.learnt?.(channelId, tenantId)) ?? GLOBAL_SERVICE_URL;
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams', serviceUrl,
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId, name: '' },
      // A bot's Teams id is its app id with the "28:" prefix.
      bot: { id: `28:${this.d.appId}`, name: '' },
    };
    return this.d.adapter.continueConversationAsync(this.d.appId, reference, logic);
  }
}
