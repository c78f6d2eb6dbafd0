import type { EventEmitter } from 'node:events';
import { runAction } from '../console/actions-api';
import type { EngineEvents } from '../engine/engine';
import type { Agent, AgentStore } from '../store/agent-store';
import type { Store } from '../store/store';
import { impactUrgencyFor } from '../tickets/priority';
import { SlaConfig } from '../tickets/sla';
import type { Priority } from '../types/ticket';
import * as actions from './agent-actions';
import { runChatAgentAction, type ChatActionOutcome } from './chat-agent-action';
import { DEFAULT_ROUTING } from './routing';

/** What an agent may do to a ticket from a chat platform's card (Slack's overflow menu and modals, Teams' Universal Actions). */
export type ChatTicketAction =
  | { kind: 'take_over' }
  | { kind: 'resolve'; resolution: string }
  | { kind: 'assign'; to: Agent }
  | { kind: 'transfer'; group: string }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'note'; text: string }
  | { kind: 'reopen' };

/** The stores and settings the actions need; `events` is `engine.events` (a commit drains the outbox). */
export type ChatTicketActionsOptions = {
  store: Store;
  agentStore: AgentStore;
  events: EventEmitter<EngineEvents>;
  clock: () => Date;
  /** Category to group routing (ROUTING_GROUPS): its groups and the agents' are the transfer targets, as in the console. */
  routing?: Record<string, string>;
  /** SLA targets: a new priority recomputes the due times. */
  sla?: SlaConfig;
  /** The desk's time zone, for a due time told to the user. */
  timeZone?: string;
};

/**
 * The one place chat platforms change tickets for agents: take over, resolve and assign through the handoff
 * actions, transfer, priority, note and reopen through the console's action path (runAction), so each has the
 * console's checks, audit events and messages to the user. A refusal or state error comes back as the outcome's
 * message, for the acting agent's eyes only.
 */
export class ChatTicketActions {
  constructor(private readonly o: ChatTicketActionsOptions) {}

  /** Run `action` on ticket `number` as `agent` (null: not a registered agent, refused with `notAgent`). */
  run(agent: Agent | null, notAgent: string, number: string, action: ChatTicketAction): Promise<ChatActionOutcome> {
    const { store } = this.o;
    return runChatAgentAction(agent, notAgent, async (me, now) => {
      const deps = { store, agentStore: this.o.agentStore, groups: () => this.transferGroups(), sla: this.o.sla ?? SlaConfig.parse({}), timeZone: this.o.timeZone };
      const viaConsole = (name: string, body: unknown) => runAction(name, async () => body, deps, number, me, now);
      switch (action.kind) {
        case 'take_over': return actions.takeOver(store, number, me, now);
        case 'resolve': return actions.resolve(store, number, me, { resolution: action.resolution }, now);
        case 'assign': return actions.transfer(store, number, me, { toAgent: action.to }, now);
        case 'transfer': return viaConsole('transfer', { toGroup: action.group });
        case 'note': return viaConsole('note', { text: action.text });
        case 'reopen': return viaConsole('reopen', {});
        case 'priority': {
          const ticket = await store.getTicketByNumber(number);
          return viaConsole('edit', ticket ? impactUrgencyFor(action.priority, ticket) : {});
        }
      }
    }, this.o.clock, this.o.events);
  }

  /** The configured groups (routing and the active agents' groups), as the console offers them. */
  async transferGroups(): Promise<string[]> {
    const agents = await this.activeAgents();
    return [...new Set([...Object.values(this.o.routing ?? DEFAULT_ROUTING), ...agents.flatMap((a) => a.groups)])].sort();
  }

  /** The agents a ticket may be assigned to (not disabled), by name. */
  async activeAgents(): Promise<Agent[]> {
    return (await this.o.agentStore.listAgents()).filter((a) => !a.disabledAt).sort((a, b) => a.name.localeCompare(b.name));
  }
}
