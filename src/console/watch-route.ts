import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../http/body';
import type { RouteHandler } from '../http/router';
import type { Logger } from '../log';
import type { Agent, AgentStore, ConsoleSession } from '../store/agent-store';
import type { Store } from '../store/store';
import type { Ticket } from '../types/ticket';
import { visible } from './action-route';

const WatchInput = z.object({ watch: z.boolean() });

/** Who watches a ticket (names of current agents) and whether the asking agent is one of them. */
export async function watchersView(agentStore: Pick<AgentStore, 'ticketWatchers' | 'listAgents'>, ticket: Ticket, agent: Agent) {
  const [watchers, agents] = await Promise.all([agentStore.ticketWatchers(ticket.id), agentStore.listAgents()]);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return {
    watching: watchers.some((w) => w.agentId === agent.id),
    agentWatchers: watchers.map((w) => ({ id: w.agentId, name: names.get(w.agentId) ?? w.agentId })),
  };
}

/**
 * POST /console/api/tickets/:number/watch {watch}: start or stop watching a ticket the agent may see. Watchers
 * are told of its replies and status changes by the console's notifications (queue-rows.ts gives the times).
 */
export function watchRoute(deps: {
  auth: { require(req: IncomingMessage, need?: { csrf?: boolean }): Promise<ConsoleSession> };
  store: Store; agentStore: AgentStore; clock: () => Date; log: Logger;
}): RouteHandler {
  return async (req, res, params) => {
    const { agent } = await deps.auth.require(req, { csrf: true });
    const parsed = WatchInput.safeParse(await readJson(req, 1024));
    if (!parsed.success) throw new HttpError(400, 'send {"watch": true} to watch the ticket or {"watch": false} to stop');
    const ticket = visible(agent, await deps.store.getTicketByNumber(params.number), params.number);
    const changed = await deps.agentStore.setWatching(ticket.id, agent.id, parsed.data.watch, deps.clock().toISOString());
    if (changed) deps.log.info({ agent: agent.id, ticket: ticket.number, watch: parsed.data.watch }, 'agent watches a ticket');
    sendJson(res, 200, await watchersView(deps.agentStore, ticket, agent));
  };
}

/**
 * An agent opened the ticket: its conversation is read up to the user's last message. When that moves the
 * mark, `told` passes it on (the web chat shows the user "Seen"). Failures only cost the mark: logged.
 */
export async function markConversationRead(
  deps: { store: Store; agentStore: Pick<AgentStore, 'markRead'>; clock: () => Date; log: Logger; told?: (conversationId: number, messageId: number) => void },
  ticket: Ticket, agent: Agent,
): Promise<void> {
  try {
    const last = (await deps.store.transcript(ticket.conversationId)).filter((m) => m.direction === 'in').at(-1);
    if (last && (await deps.agentStore.markRead(ticket.conversationId, last.id, agent.id, deps.clock().toISOString()))) deps.told?.(ticket.conversationId, last.id);
  } catch (err) {
    deps.log.warn({ err, ticket: ticket.number }, 'read mark not stored');
  }
}
