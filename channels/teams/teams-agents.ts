import { tier2CatchUpJob } from '../../src/handoff/tier2-catch-up';
import type { Activity, Attachment } from 'botbuilder';
import type { AppExtension } from '../../src/app';
import { ChatTicketActions, type ChatTicketAction } from '../../src/handoff/chat-ticket-actions';
import { parseRouting } from '../../src/handoff/routing';
import type { Logger } from '../../src/log';
import type { Agent, AgentStore } from '../../src/store/agent-store';
import type { Store } from '../../src/store/store';
import { slaConfigFrom } from '../../src/turn-deps';
import type { Lang, UserProfile } from '../../src/types/conversation';
import { Priority } from '../../src/types/ticket';
import { AGENT_ACTIONS, AGENT_INPUTS, AGENT_REFRESH_VERB, AGENT_TEXT_MAX, AGENT_VERB_PREFIX, agentTicketCard, type AgentActionKind } from './teams-agent-card';
import { cardResponse, executeData, messageResponse, unknownActionResponse, type CardActionResponse } from './teams-invoke';
import { TeamsChannel } from './teams.channel';
import { TeamsAgentChannel } from './teams-agent-channel';

/** What the Teams channel hands an agent card's Universal Action to. */
export interface TeamsAgentHandler {
  /** The invoke's answer: the refreshed card, or a message only the clicking agent reads. */
  onAction(activity: Partial<Activity>, profile: UserProfile, lang: Lang): Promise<CardActionResponse>;
  /** An agent wrote just a ticket number: that ticket's card for them; null for anyone else (the message goes on to the engine). */
  cardFor(text: string, profile: UserProfile, lang: Lang, viewer?: string): Promise<Attachment | null>;
  /** The ticket's card as it stands now (null: no such ticket): the agents' channel posts and updates it. */
  card(number: string, lang: Lang, line?: string, viewer?: string): Promise<Attachment | null>;
}

const NOT_AGENT: Record<Lang, string> = {
  en: 'Only service-desk agents can change tickets: ask an admin to register you with your work e-mail (frontdesk agents email).',
  zh: '只有服务台坐席可以修改工单：请管理员用您的工作邮箱登记您（frontdesk agents email）。',
};
const REFUSED: Record<Lang, string> = { en: 'Not done: ', zh: '未完成：' };
const MISSING: Record<Lang, Record<string, string>> = {
  en: { resolve: 'Write what fixed it, then Save.', assign: 'Pick an active agent, then Save.', transfer: 'Pick a group, then Save.', priority: 'Pick one of P1 to P5, then Save.', note: 'Write the note, then Save.' },
  zh: { resolve: '请写明如何解决，然后保存。', assign: '请选择一位在职坐席，然后保存。', transfer: '请选择一个组，然后保存。', priority: '请在 P1 到 P5 中选择，然后保存。', note: '请填写备注，然后保存。' },
};
const DONE: Record<Lang, Record<AgentActionKind, string>> = {
  en: { take_over: '{agent} took it over.', resolve: '{agent} resolved it; the user is asked to confirm.', assign: '{agent} assigned it to {value}.', transfer: '{agent} transferred it to {value}.', priority: '{agent} set the priority to {value}.', note: '{agent} added an internal note.', reopen: '{agent} reopened it.' },
  zh: { take_over: '{agent} 已接手。', resolve: '{agent} 已解决，等待用户确认。', assign: '{agent} 已指派给 {value}。', transfer: '{agent} 已转交到 {value}。', priority: '{agent} 已将优先级改为 {value}。', note: '{agent} 添加了内部备注。', reopen: '{agent} 已重新打开。' },
};

const TICKET = /^[A-Z]{2,5}-\d{1,12}$/;
const ASKED = /^\s*([A-Za-z]{2,5}-\d{1,12})\s*$/;
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Agents working a ticket from its Teams card (Universal Actions). The clicker acts as the console agent whose work
 * e-mail is their Teams e-mail (the tenant's own account, as the member lookup reports it); anyone else is refused.
 * Every action runs through ChatTicketActions, the place Slack's card runs them too (audit trail, user told).
 */
export class TeamsAgents implements TeamsAgentHandler {
  constructor(private readonly o: { store: Store; agentStore: AgentStore; actions: ChatTicketActions; log: Logger }) {}

  async onAction(activity: Partial<Activity>, profile: UserProfile, lang: Lang): Promise<CardActionResponse> {
    const verb = str((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb);
    const kind = AGENT_ACTIONS.find((k) => verb === `${AGENT_VERB_PREFIX}${k}`);
    const data = executeData(activity) ?? {};
    const number = str(data.ticket).toUpperCase();
    const viewer = activity.from?.id;
    const refresh = verb === AGENT_REFRESH_VERB;
    if ((!kind && !refresh) || !TICKET.test(number)) return unknownActionResponse();
    const agent = profile.email ? await this.o.agentStore.agentByEmail(profile.email) : null;
    if (!agent) {
      this.o.log.info({ kind: kind ?? 'refresh' }, 'Teams agent action refused: not a registered agent');
      return messageResponse(NOT_AGENT[lang]);
    }
    if (!kind) {
      const now = await this.card(number, lang, undefined, viewer);
      return now ? cardResponse(now) : unknownActionResponse();
    }
    const read = await this.actionOf(kind, data);
    if (!read) return messageResponse(MISSING[lang][kind]);
    const outcome = await this.o.actions.run(agent, NOT_AGENT[lang], number, read.action);
    if (!outcome.ok) return messageResponse(`${REFUSED[lang]}${outcome.message ?? ''}`);
    const line = `✓ ${DONE[lang][kind].replace('{agent}', agent.name).replace('{value}', read.shown)}`;
    const card = await this.card(number, lang, line, viewer);
    return card ? cardResponse(card) : messageResponse(line);
  }

  async cardFor(text: string, profile: UserProfile, lang: Lang, viewer?: string): Promise<Attachment | null> {
    const asked = ASKED.exec(text)?.[1]?.toUpperCase();
    if (!asked || !profile.email || !(await this.o.agentStore.agentByEmail(profile.email))) return null;
    return this.card(asked, lang, undefined, viewer);
  }

  /** The ticket's card as it stands now (null: no such ticket), with the pickers' current choices. */
  async card(number: string, lang: Lang, line?: string, viewer?: string): Promise<Attachment | null> {
    const ticket = await this.o.store.getTicketByNumber(number);
    if (!ticket) return null;
    const owner = ticket.agentId ? (await this.o.agentStore.getAgent(ticket.agentId))?.name ?? ticket.agentId : null;
    const choices = { agents: await this.o.actions.activeAgents(), groups: await this.o.actions.transferGroups() };
    return agentTicketCard({ ...ticket, owner, group: ticket.group ?? null }, choices, lang, line, viewer);
  }

  /** The action with what the agent picked or typed; null when the input is missing or not one offered. */
  private async actionOf(kind: AgentActionKind, data: Record<string, unknown>): Promise<{ action: ChatTicketAction; shown: string } | null> {
    const input = kind in AGENT_INPUTS ? str(data[AGENT_INPUTS[kind as keyof typeof AGENT_INPUTS]]) : '';
    switch (kind) {
      case 'take_over': case 'reopen': return { action: { kind }, shown: '' };
      case 'resolve': return input ? { action: { kind, resolution: input.slice(0, AGENT_TEXT_MAX) }, shown: '' } : null;
      case 'note': return input ? { action: { kind, text: input.slice(0, AGENT_TEXT_MAX) }, shown: '' } : null;
      case 'transfer': return input ? { action: { kind, group: input }, shown: input } : null;
      case 'priority': {
        const priority = Priority.safeParse(input);
        return priority.success ? { action: { kind, priority: priority.data }, shown: priority.data } : null;
      }
      case 'assign': {
        const to: Agent | null = input ? await this.o.agentStore.getAgent(input) : null;
        return to ? { action: { kind, to }, shown: to.name } : null;
      }
    }
  }
}

/** The app extension: agents' ticket cards on Teams act through the shared ticket actions; escalations reach the agents' channel when set. */
export const teamsAgentsExtension: AppExtension = (core) => {
  const teams = core.channels.get('teams');
  if (!(teams instanceof TeamsChannel)) return null;
  const actions = new ChatTicketActions({
    store: core.store, agentStore: core.agentStore, events: core.engine.events, clock: core.clock,
    routing: parseRouting(core.config.ROUTING_GROUPS), sla: slaConfigFrom(core.config), timeZone: core.config.TIME_ZONE,
  });
  teams.setAgentHandler(new TeamsAgents({ store: core.store, agentStore: core.agentStore, actions, log: core.log.child({ module: 'teams-agents' }) }));
  const channelId = teams.agentChannelId;
  if (!channelId) return null;
  // Escalations go to the agents' channel as living cards (posted once, updated in place).
  teams.setAgentThreads(core.agentThreads, core.teamsServiceUrls);
  const posts = new TeamsAgentChannel({
    store: core.store, threads: core.agentThreads, channelId, events: core.engine.events, clock: core.clock, log: core.log.child({ module: 'teams-agent-channel' }),
    lang: core.config.DEFAULT_LANG, agentName: async (id) => (await core.agentStore.getAgent(id))?.name ?? null,
  });
  core.engine.events.on('committed', posts.onCommitted);
  return tier2CatchUpJob(core, 'teams', (ticketId) => posts.mirrorInTurn(ticketId), () => posts.idle());
};
