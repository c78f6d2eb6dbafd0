import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AuthError, NotFoundError, ValidationError } from '../errors';
import { HttpError, readJson } from '../http/body';
import * as actions from '../handoff/agent-actions';
import { TicketStateError } from '../handoff/agent-permissions';
import { GroupName, type Agent, type AgentStore } from '../store/agent-store';
import type { Store } from '../store/store';

/** Names of the actions the console posts to /console/api/tickets/:number/:action. */
export const ACTION_NAMES = ['takeover', 'reply', 'note', 'release', 'transfer', 'resolve'] as const;
/** One of ACTION_NAMES. */
export type ActionName = (typeof ACTION_NAMES)[number];

const Text = z.object({ text: z.string().max(4000) });
const Transfer = z.object({ toAgent: z.string().max(64).optional(), toGroup: GroupName.optional() });
const Resolve = z.object({ resolution: z.string().max(4000), rootCause: z.string().max(4000).optional() });

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, 32 * 1024));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** Run one console action; errors of the handoff module become 400/403/404/409 answers. */
export async function runAction(
  name: string, req: IncomingMessage, deps: { store: Store; agentStore: AgentStore }, number: string, agent: Agent, now: Date,
): Promise<actions.ActionResult> {
  const { store } = deps;
  try {
    switch (name as ActionName) {
      case 'takeover':
        return await actions.takeOver(store, number, agent, now);
      case 'reply':
        return await actions.reply(store, number, agent, (await body(req, Text)).text, now);
      case 'note':
        return await actions.note(store, number, agent, (await body(req, Text)).text, now);
      case 'release':
        return await actions.release(store, number, agent, now);
      case 'transfer': {
        const input = await body(req, Transfer);
        const toAgent = input.toAgent ? await deps.agentStore.getAgent(input.toAgent) : undefined;
        if (input.toAgent && !toAgent) throw new HttpError(404, `no agent "${input.toAgent}"`);
        return await actions.transfer(store, number, agent, { toAgent: toAgent ?? undefined, toGroup: input.toGroup }, now);
      }
      case 'resolve':
        return await actions.resolve(store, number, agent, await body(req, Resolve), now);
      default:
        throw new HttpError(404, `no action "${name}": use one of ${ACTION_NAMES.join(', ')}`);
    }
  } catch (error) {
    throw toHttp(error);
  }
}

function toHttp(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (error instanceof NotFoundError) return new HttpError(404, error.message);
  if (error instanceof AuthError) return new HttpError(403, error.message);
  if (error instanceof TicketStateError) return new HttpError(409, error.message);
  if (error instanceof ValidationError) return new HttpError(400, error.message);
  return error;
}
