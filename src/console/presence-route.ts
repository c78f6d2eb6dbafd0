import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError, readJson, sendJson } from '../http/body';
import type { RouteHandler } from '../http/router';
import type { ConsoleSession } from '../store/agent-store';
import type { Store } from '../store/store';
import { visible } from './action-route';
import { FINISHED } from '../handoff/agent-permissions';
import type { ConsolePresence } from './presence';

const Input = z.object({ state: z.enum(['viewing', 'typing', 'left']) });

/**
 * POST /console/api/tickets/:number/presence: the console says its agent views, types on or left the
 * ticket; the answer (and a `presence` event to the other consoles) lists who is there.
 */
export function presenceRoute(deps: {
  auth: { require(req: IncomingMessage, need?: { csrf?: boolean }): Promise<ConsoleSession> };
  store: Store;
  presence: ConsolePresence;
  clock: () => Date;
  /** Tell the requester's channel that this agent is writing to them (web chat shows a typing line). */
  typing?: (conversationId: number, agentName: string) => void;
}): RouteHandler {
  return async (req, res, params) => {
    const { agent } = await deps.auth.require(req, { csrf: true });
    const parsed = Input.safeParse(await readJson(req, 1024));
    if (!parsed.success) throw new HttpError(400, 'state: send viewing, typing or left');
    const ticket = visible(agent, await deps.store.getTicketByNumber(params.number), params.number);
    // Only the agent talking to the user (the owner of an open ticket) shows as typing to them.
    if (parsed.data.state === 'typing' && ticket.agentId === agent.id && !FINISHED.includes(ticket.status)) deps.typing?.(ticket.conversationId, agent.name);
    const agents = deps.presence.set(ticket, agent, parsed.data.state, deps.clock().getTime());
    sendJson(res, 200, { ticket: ticket.number, agents });
  };
}
