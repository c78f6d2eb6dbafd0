import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AuthError, NotFoundError, ValidationError } from '../errors';
import { HttpError, readJson } from '../http/body';
import * as actions from '../handoff/agent-actions';
import { TicketStateError } from '../handoff/agent-permissions';
import { GroupName, type Agent, type AgentStore } from '../store/agent-store';
import type { Store } from '../store/store';
import { editTicket } from '../handoff/ticket-edit';
import { mergeTicket, type MergeResult } from '../handoff/ticket-merge';
import { resumeWork, setPending } from '../handoff/ticket-pending';
import { linkToIncident, type IncidentLinker } from '../handoff/ticket-link';
import { reopenTicket } from '../handoff/ticket-reopen';
import type { SlaConfig } from '../tickets/sla';
import { formatTime } from '../tickets/business-calendar';
import { Category, Impact } from '../types/ticket';
import { MAX_TAGS, Tag } from '../tickets/tags';

/** Names of the actions the console posts to /console/api/tickets/:number/:action. */
export const ACTION_NAMES = ['takeover', 'reply', 'note', 'release', 'transfer', 'resolve', 'edit', 'merge', 'pending', 'resume', 'link', 'reopen'] as const;
/** One of ACTION_NAMES. */
export type ActionName = (typeof ACTION_NAMES)[number];

const Text = z.object({ text: z.string().max(4000) });
// The owner the console showed while the agent wrote (null: nobody): a takeover since then refuses the reply.
const Reply = Text.extend({ expectedOwner: z.string().max(64).nullable().optional() });
const Edit = z.object({
  category: Category.optional(), impact: Impact.optional(), urgency: Impact.optional(), group: GroupName.optional(),
  addTags: z.array(Tag).max(MAX_TAGS).optional(), removeTags: z.array(Tag).max(MAX_TAGS).optional(),
});
const Transfer = z.object({ toAgent: z.string().max(64).optional(), toGroup: GroupName.optional() });
const Merge = z.object({ into: z.string().trim().regex(/^[A-Za-z]{2,5}-\d{1,12}$/, 'a ticket number such as INC-000123').transform((n) => n.toUpperCase()) });
/** A major incident's number, as `MI-000001`. */
export const IncidentNumber = z.string().trim().regex(/^MI-\d{1,12}$/i, 'a major incident number such as MI-000001').transform((n) => n.toUpperCase());
const Link = z.object({ incident: IncidentNumber });
const Pending = z.object({ kind: z.enum(['user', 'hold']), reason: z.string().max(4000) });
const Resolve = z.object({ resolution: z.string().max(4000), rootCause: z.string().max(4000).optional() });

/** Reads the request's JSON body (once; the route may have read it already for its Idempotency-Key). */
export type BodyReader = () => Promise<unknown>;

/** The JSON body of `req`, read when first asked. */
export const readActionBody = (req: IncomingMessage): BodyReader => () => readJson(req, 32 * 1024);

async function body<T>(read: BodyReader, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await read());
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** What the actions need: the store, the agents, and the groups a ticket may be transferred to. */
export type ActionDeps = {
  store: Store; agentStore: AgentStore; groups: () => Promise<string[]>; sla: SlaConfig; timeZone?: string;
  /** Links tickets to open major incidents (absent: the action answers 404). */
  incidents?: () => IncidentLinker;
};

/** Run one console action; errors of the handoff module become 400/403/404/409 answers. */
export async function runAction(
  name: string, req: BodyReader, deps: ActionDeps, number: string, agent: Agent, now: Date,
): Promise<actions.ActionResult & Partial<Pick<MergeResult, 'target'>>> {
  const { store } = deps;
  try {
    switch (name as ActionName) {
      case 'takeover':
        return await actions.takeOver(store, number, agent, now);
      case 'reply': {
        const input = await body(req, Reply);
        const names = new Map((await deps.agentStore.listAgents()).map((a) => [a.id, a.name]));
        return await actions.reply(store, number, agent, input.text, now, { expectedOwner: input.expectedOwner, nameOf: (id) => names.get(id) ?? id });
      }
      case 'note':
        return await actions.note(store, number, agent, (await body(req, Text)).text, now);
      case 'release':
        return await actions.release(store, number, agent, now);
      case 'transfer': {
        const input = await body(req, Transfer);
        // Only configured groups and active agents: a typo must not send the ticket where nobody looks.
        const groups = await deps.groups();
        if (input.toGroup && !groups.includes(input.toGroup)) throw new HttpError(400, `no group "${input.toGroup}": choose one of ${groups.join(', ')}`);
        const toAgent = input.toAgent ? await deps.agentStore.getAgent(input.toAgent) : undefined;
        if (input.toAgent && !toAgent) throw new HttpError(400, `no active agent "${input.toAgent}": choose one from the list of agents`);
        return await actions.transfer(store, number, agent, { toAgent: toAgent ?? undefined, toGroup: input.toGroup }, now);
      }
      case 'edit': {
        const input = await body(req, Edit);
        const groups = await deps.groups();
        if (input.group && !groups.includes(input.group)) throw new HttpError(400, `no group "${input.group}": choose one of ${groups.join(', ')}`);
        return await editTicket(store, number, agent, input, { sla: deps.sla, formatDue: (iso, lang, timeZone) => formatTime(iso, timeZone ?? deps.timeZone ?? 'UTC', lang) }, now);
      }
      case 'merge': {
        const merged = await mergeTicket(store, number, (await body(req, Merge)).into, agent, now);
        // The duplicate's watchers follow the conversation to its target.
        await deps.agentStore.moveWatchers(merged.ticket.id, merged.target.ticket.id);
        return merged;
      }
      case 'pending':
        return await setPending(store, number, agent, await body(req, Pending), now);
      case 'link': {
        const input = await body(req, Link);
        if (!deps.incidents) throw new HttpError(404, 'major incidents are not available here');
        return await linkToIncident(deps.incidents(), store, number, input.incident, agent, now);
      }
      case 'resume':
        return await resumeWork(store, number, agent, now);
      case 'reopen':
        return await reopenTicket(store, number, agent, now);
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
